// Users and their roles (users:read to see, users:admin to change): the list, creating a user with
// roles, and a user's page to change roles or disable and enable the account.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { withFilter, type ListSpec } from '../lib/listState';
import { ListBody, SearchFilter, useListScreen } from '../lib/useApiList';
import { Badge, ErrorSummary, Field, Loading } from '../ui';

const spec: ListSpec = {
  filters: ['q', 'is_active', 'role_id'],
  sorts: ['email', 'last_name', 'created_at', 'last_login_at'],
  defaultSort: 'last_name',
  defaultPageSize: 20,
};

function useRoles(): Schemas['Role'][] | null {
  const [roles, setRoles] = useState<Schemas['Role'][] | null>(null);
  useEffect(() => {
    void api
      .GET('/api/v1/roles', { params: { query: { page_size: 100, sort: 'name' } as never } })
      .then(({ data }) => setRoles(data?.items ?? []));
  }, []);
  return roles;
}

export function UsersList() {
  const { can } = useMe();
  const screen = useListScreen(
    spec,
    (query) => api.GET('/api/v1/users', { params: { query: query as never } }),
    'users',
  );
  const { state, go, list } = screen;
  const roles = useRoles();
  return (
    <main>
      <div className="title-row">
        <h1>Users</h1>
        {can('users:admin') && (
          <Link className="button primary" to="/users/new">
            Add a user
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchFilter placeholder="Name or email" state={state} go={go} />
        <label>
          Role
          <select value={state.filters.role_id ?? ''} onChange={(e) => go(withFilter(state, 'role_id', e.target.value))}>
            <option value="">Any</option>
            {(roles ?? []).map((role) => (
              <option key={role.id} value={role.id}>
                {role.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Account
          <select value={state.filters.is_active ?? ''} onChange={(e) => go(withFilter(state, 'is_active', e.target.value))}>
            <option value="">Any</option>
            <option value="true">Active</option>
            <option value="false">Disabled</option>
          </select>
        </label>
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No user matches these filters', text: 'Clear a filter to see more.' }}
        none={{ title: 'No users yet', text: 'Add the people who will use QGP with “Add a user”.' }}
        columns={[
          { field: 'last_name', label: 'Name' },
          { field: 'email', label: 'Email' },
          { label: 'Roles' },
          { field: 'last_login_at', label: 'Last sign-in' },
        ]}
        rows={list?.items.map((user) => (
          <tr key={user.id}>
            <td>
              <Link to={`/users/${user.id}`}>{user.full_name}</Link>
              {!user.is_active && <Badge value="disabled" />}
            </td>
            <td>{user.email}</td>
            <td>{user.is_superuser ? 'superuser' : user.roles.map((r) => r.name).join(', ') || '—'}</td>
            <td>{user.last_login_at?.slice(0, 10) ?? 'never'}</td>
          </tr>
        ))}
      />
    </main>
  );
}

function RoleChoices(props: { roles: Schemas['Role'][]; chosen: number[]; onChange: (ids: number[]) => void }) {
  const { can } = useMe();
  return (
    <fieldset className="choices">
      <legend>Roles</legend>
      {props.roles.map((role) => (
        <label key={role.id} className="choice">
          <input
            type="checkbox"
            checked={props.chosen.includes(role.id)}
            onChange={(e) =>
              props.onChange(e.target.checked ? [...props.chosen, role.id] : props.chosen.filter((id) => id !== role.id))
            }
          />
          {role.name}
        </label>
      ))}
      {can('users:read') && <Link to="/roles">What each role allows</Link>}
    </fieldset>
  );
}

const userFields = ['email', 'first_name', 'last_name', 'password', 'role_ids'] as const;

export function NewUser() {
  const navigate = useNavigate();
  const roles = useRoles();
  const [form, setForm] = useState({ email: '', first_name: '', last_name: '', password: '' });
  const [roleIds, setRoleIds] = useState<number[]>([]);
  const [errors, setErrors] = useState<FormErrors>({ summary: '', fields: {} });
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/users', { body: { ...form, role_ids: roleIds } });
    setBusy(false);
    if (data) navigate(`/users/${data.id}`);
    else setErrors(formErrors(error, userFields));
  }
  const text = (name: keyof typeof form, label: string, type = 'text', autoComplete = 'off') => (
    <Field label={label} error={errors.fields[name]}>
      {(id, describedBy) => (
        <input
          id={id}
          type={type}
          autoComplete={autoComplete}
          value={form[name]}
          onChange={(e) => setForm({ ...form, [name]: e.target.value })}
          aria-describedby={describedBy}
          aria-invalid={!!describedBy}
        />
      )}
    </Field>
  );
  if (roles === null) return <Loading />;
  return (
    <main>
      <h1>Add a user</h1>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorSummary message={errors.summary} />
        {text('email', 'Email', 'email')}
        {text('first_name', 'First name')}
        {text('last_name', 'Last name')}
        {text('password', 'Initial password', 'password', 'new-password')}
        <RoleChoices roles={roles} chosen={roleIds} onChange={setRoleIds} />
        {errors.fields.role_ids && <p className="field-error">{errors.fields.role_ids}</p>}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Adding…' : 'Add the user'}
          </button>
          <Link to="/users">Cancel</Link>
        </div>
      </form>
    </main>
  );
}

export function UserDetail() {
  const id = Number(useParams().id);
  const { can } = useMe();
  const roles = useRoles();
  const [user, setUser] = useState<Schemas['User'] | null>(null);
  const [roleIds, setRoleIds] = useState<number[]>([]);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/users/{id}', { params: { path: { id } } });
    if (data) {
      setUser(data);
      setRoleIds(data.role_ids);
    } else setError(formErrors(failure, []).summary);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  async function act(run: () => Promise<{ data?: Schemas['User']; error?: unknown }>, done: string) {
    setMessage('');
    const { data, error: failure } = await run();
    if (data) {
      setUser(data);
      setRoleIds(data.role_ids);
      setMessage(done);
      setError('');
    } else setError(formErrors(failure, []).summary);
  }

  if (!user) return error ? <ErrorSummary message={error} /> : <Loading />;
  const admin = can('users:admin');
  return (
    <main>
      <p className="crumbs">
        <Link to="/users">Users</Link> › {user.email}
      </p>
      <h1>{user.full_name}</h1>
      <p>
        <Badge value={user.is_active ? 'active' : 'disabled'} /> {user.email}
      </p>
      <ErrorSummary message={error} />
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      {admin && roles && !user.is_superuser && (
        <section className="card">
          <RoleChoices roles={roles} chosen={roleIds} onChange={setRoleIds} />
          <button
            type="button"
            className="primary"
            onClick={() =>
              void act(
                () => api.PUT('/api/v1/users/{id}/roles', { params: { path: { id } }, body: { role_ids: roleIds } }),
                'Roles saved.',
              )
            }
          >
            Save roles
          </button>
        </section>
      )}
      {admin && (
        <p>
          {user.is_active ? (
            <button type="button" onClick={() => void act(() => api.POST('/api/v1/users/{id}/disable', { params: { path: { id } } }), 'The account is disabled: its sessions have ended.')}>
              Disable the account
            </button>
          ) : (
            <button type="button" onClick={() => void act(() => api.POST('/api/v1/users/{id}/enable', { params: { path: { id } } }), 'The account is enabled.')}>
              Enable the account
            </button>
          )}
        </p>
      )}
    </main>
  );
}
