import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client';
import { session } from '../auth/session';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { ErrorSummary, Field } from '../ui';

export function SignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ summary: '', fields: {} });
  const [busy, setBusy] = useState(false);
  const ended = session.endedBecause;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      const { data, error } = await api.POST('/api/v1/auth/login', { body: { email, password } });
      if (data) {
        session.start(data);
        const back = (location.state as { from?: string } | null)?.from;
        navigate(back && back !== '/sign-in' ? back : '/', { replace: true });
      } else {
        setErrors(formErrors(error, ['email', 'password']));
      }
    } catch {
      setErrors(formErrors(undefined, []));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <h1>QGP</h1>
      <p className="tagline">Quality Governance Platform</p>
      <form onSubmit={submit} noValidate aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in</h2>
        {ended && (
          <p className="notice" role="status">
            {ended}
          </p>
        )}
        <ErrorSummary message={errors.summary} />
        <Field label="Email" error={errors.fields.email}>
          {(id, describedBy) => (
            <input
              id={id}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={!!describedBy}
              required
            />
          )}
        </Field>
        <Field label="Password" error={errors.fields.password}>
          {(id, describedBy) => (
            <input
              id={id}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              aria-describedby={describedBy}
              aria-invalid={!!describedBy}
              required
            />
          )}
        </Field>
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
