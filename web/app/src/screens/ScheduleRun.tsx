import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { api, type Schemas } from '../api/client';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { Empty, ErrorSummary, Field, Loading } from '../ui';

const fields = ['template_id', 'title', 'scheduled_date', 'due_date', 'location'] as const;
type Form = Record<(typeof fields)[number], string>;

export function ScheduleRun() {
  const navigate = useNavigate();
  const [templates, setTemplates] = useState<Schemas['AuditTemplate'][] | null>(null);
  const [form, setForm] = useState<Form>({ template_id: '', title: '', scheduled_date: '', due_date: '', location: '' });
  const [errors, setErrors] = useState<FormErrors>({ summary: '', fields: {} });
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api
      .GET('/api/v1/audits/templates', { params: { query: { status: 'published', page_size: 100, sort: 'name' } as never } })
      .then(({ data }) => setTemplates(data?.items ?? []));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const optional = (value: string) => (value.trim() === '' ? null : value.trim());
    const { data, error } = await api.POST('/api/v1/audits/runs', {
      body: {
        template_id: Number(form.template_id),
        title: form.title.trim(),
        scheduled_date: optional(form.scheduled_date),
        due_date: optional(form.due_date),
        location: optional(form.location),
      },
    });
    setBusy(false);
    if (data) navigate(`/audits/runs/${data.id}`);
    else setErrors(formErrors(error, fields));
  }

  const set = (name: keyof Form) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });
  if (templates === null) return <Loading />;
  if (templates.length === 0) {
    return (
      <main>
        <h1>Schedule a run</h1>
        <Empty title="No published template yet">
          A run follows a published audit template. Build one and publish it first in{' '}
          <Link to="/audits/templates">Templates</Link>.
        </Empty>
      </main>
    );
  }
  return (
    <main>
      <h1>Schedule a run</h1>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorSummary message={errors.summary} />
        <Field label="Template" error={errors.fields.template_id}>
          {(id, describedBy) => (
            <select id={id} value={form.template_id} onChange={set('template_id')} aria-describedby={describedBy} required>
              <option value="">Choose a published template</option>
              {templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} (v{t.published_version_number})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Title" error={errors.fields.title}>
          {(id, describedBy) => <input id={id} value={form.title} onChange={set('title')} aria-describedby={describedBy} required />}
        </Field>
        <Field label="Scheduled date" error={errors.fields.scheduled_date}>
          {(id, describedBy) => (
            <input id={id} type="date" value={form.scheduled_date} onChange={set('scheduled_date')} aria-describedby={describedBy} />
          )}
        </Field>
        <Field label="Due date" error={errors.fields.due_date}>
          {(id, describedBy) => (
            <input id={id} type="date" value={form.due_date} onChange={set('due_date')} aria-describedby={describedBy} />
          )}
        </Field>
        <Field label="Location" error={errors.fields.location}>
          {(id, describedBy) => <input id={id} value={form.location} onChange={set('location')} aria-describedby={describedBy} />}
        </Field>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Scheduling…' : 'Schedule'}
          </button>
          <Link to="/audits/runs">Cancel</Link>
        </div>
      </form>
    </main>
  );
}
