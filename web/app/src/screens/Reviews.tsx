// Management reviews (ISO 9.3, docs/adr/0019): the register (filters in the URL), planning a
// review, and a review's page — its attendees, the 9.3.2 inputs, the decisions and the actions
// raised from them, what earlier reviews left open, the minutes and the moves the API allows. Each
// form shows the API's field errors next to its fields.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import type { ListSpec } from '../lib/listState';
import { ListBody, SearchFilter, SelectFilter, useListScreen } from '../lib/useApiList';
import { Badge, ErrorSummary, Field, Loading, humanise } from '../ui';

type Review = Schemas['ManagementReview'];
type InputKind = Schemas['ManagementReviewInputCreate']['kind'];
type OutputKind = Schemas['ManagementReviewOutputCreate']['kind'];
type Move = Schemas['ManagementReviewTransition']['to'];

const spec: ListSpec = {
  filters: ['status', 'q', 'planned_from', 'planned_to', 'standard_ids'],
  sorts: ['reference_number', 'title', 'planned_date', 'held_on', 'status'],
  defaultSort: '-planned_date',
  defaultPageSize: 20,
};
const statuses = ['planned', 'held', 'closed', 'cancelled'] as const;
// The 9.3.2 inputs in the clause's order; previous_actions is computed from the register.
const inputKinds: InputKind[] = [
  'context_changes', 'customer_feedback', 'objectives', 'process_performance', 'nonconformities_and_actions',
  'monitoring_results', 'audit_results', 'external_providers', 'resources', 'risks_and_opportunities',
  'improvement_opportunities', 'previous_actions',
];
const outputKinds: OutputKind[] = ['improvement', 'system_change', 'resource_need'];
const noErrors: FormErrors = { summary: '', fields: {} };

// A text, date or multi-line field of a form, with its error (from the API) next to it.
function TextField(props: {
  label: string;
  error: string | undefined;
  hint?: string;
  type?: string;
  rows?: number;
  value: string;
  set: (value: string) => void;
}) {
  const { label, error, hint, type, rows, value, set } = props;
  return (
    <Field label={label} error={error} {...(hint ? { hint } : {})}>
      {(id, describedBy) =>
        rows ? (
          <textarea id={id} rows={rows} value={value} onChange={(e) => set(e.target.value)} aria-describedby={describedBy} />
        ) : (
          <input id={id} type={type ?? 'text'} value={value} onChange={(e) => set(e.target.value)} aria-describedby={describedBy} />
        )
      }
    </Field>
  );
}

// A choice among declared values (shown humanised), with its error next to it.
function ChoiceField<T extends string>(props: { label: string; error: string | undefined; value: T; options: readonly T[]; set: (value: T) => void }) {
  const { label, error, value, options, set } = props;
  return (
    <Field label={label} error={error}>
      {(id, describedBy) => (
        <select id={id} value={value} onChange={(e) => set(e.target.value as T)} aria-describedby={describedBy}>
          {options.map((option) => (
            <option key={option} value={option}>
              {humanise(option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

// A form's submit button.
function Submit({ busy, children }: { busy: boolean; children: ReactNode }) {
  return (
    <div className="actions">
      <button type="submit" disabled={busy}>
        {children}
      </button>
    </div>
  );
}

function DateFilter(props: { label: string; value: string | undefined; set: (value: string) => void }) {
  return (
    <label>
      {props.label}
      <input type="date" value={props.value ?? ''} onChange={(e) => props.set(e.target.value)} />
    </label>
  );
}

export function ReviewsList() {
  const { can } = useMe();
  const screen = useListScreen(
    spec,
    (query) => api.GET('/api/v1/management-reviews', { params: { query: query as never } }),
    'management reviews',
  );
  const { state, go, list } = screen;
  const setFilter = (name: string) => (value: string) => {
    const filters = { ...state.filters };
    if (value) filters[name] = value;
    else delete filters[name];
    go({ ...state, filters, page: 1 });
  };
  return (
    <main>
      <h1>Management reviews</h1>
      {can('reviews:write') && (
        <p>
          <Link className="button primary" to="/management-reviews/new">
            Plan a review
          </Link>
        </p>
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter label="Status" name="status" values={statuses} state={state} go={go} />
        <DateFilter label="Planned from" value={state.filters.planned_from} set={setFilter('planned_from')} />
        <DateFilter label="Planned to" value={state.filters.planned_to} set={setFilter('planned_to')} />
        <SearchFilter placeholder="Reference, title, minutes" state={state} go={go} />
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No review matches these filters', text: 'Clear a filter to see more.' }}
        none={{ title: 'No management reviews yet', text: 'Top management reviews the system at planned intervals: plan the first review.' }}
        columns={[
          { field: 'reference_number', label: 'Reference' },
          { field: 'title', label: 'Title' },
          { field: 'planned_date', label: 'Planned' },
          { field: 'held_on', label: 'Held' },
          { field: 'status', label: 'Status' },
          { label: 'Actions' },
        ]}
        rows={list?.items.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/management-reviews/${r.id}`}>{r.reference_number}</Link>
            </td>
            <td>{r.title}</td>
            <td>{r.planned_date}</td>
            <td>{r.held_on ?? '—'}</td>
            <td>
              <Badge value={r.status} />
            </td>
            <td>{r.actions.length}</td>
          </tr>
        ))}
      />
    </main>
  );
}

export function PlanReview() {
  const navigate = useNavigate();
  const { me } = useMe();
  const [form, setForm] = useState({ title: '', planned_date: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/management-reviews', {
      body: { title: form.title.trim(), planned_date: form.planned_date, chair_id: me?.id ?? null },
    });
    setBusy(false);
    if (data) navigate(`/management-reviews/${data.id}`);
    else setErrors(formErrors(error, ['title', 'planned_date', 'chair_id']));
  }

  return (
    <main>
      <p className="crumbs">
        <Link to="/management-reviews">Management reviews</Link> › Plan
      </p>
      <h1>Plan a management review</h1>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorSummary message={errors.summary} />
        <TextField label="Title" error={errors.fields.title} value={form.title} set={(v) => setForm({ ...form, title: v })} />
        <TextField label="Planned date" error={errors.fields.planned_date} type="date" value={form.planned_date} set={(v) => setForm({ ...form, planned_date: v })} />
        <p className="muted">You chair it: someone else approves its minutes.</p>
        {errors.fields.chair_id && <ErrorSummary message={errors.fields.chair_id} />}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            Plan the review
          </button>
        </div>
      </form>
    </main>
  );
}

// A small form of a review's page: its own fields, its own errors, a submit that reloads the review.
function useForm<T>(initial: T) {
  const [values, setValues] = useState<T>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  async function send(call: () => Promise<{ error?: unknown; data?: unknown }>, fields: readonly string[], done: () => void) {
    setBusy(true);
    const { data, error } = await call();
    setBusy(false);
    if (data) {
      setValues(initial);
      setErrors(noErrors);
      done();
    } else {
      setErrors(formErrors(error, fields));
    }
  }
  return { values, setValues, errors, busy, send };
}

function Section(props: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={props.id}>
      <h2 id={props.id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

function ActionsTable({ rows, caption }: { rows: Schemas['ManagementReviewAction'][]; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="muted">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>{a.reference_number}</td>
              <td>{a.title}</td>
              <td>
                <Badge value={a.status} /> {a.overdue && <span className="badge badge-overdue">Overdue</span>}
              </td>
              <td>{a.due_date ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RaiseAction({ output, reload }: { output: Schemas['ManagementReviewOutput']; reload: () => void }) {
  const form = useForm({ title: '', description: '', due_date: '' });
  const { values, setValues, errors } = form;
  function submit(event: FormEvent) {
    event.preventDefault();
    void form.send(
      () =>
        api.POST('/api/v1/management-review-outputs/{id}/actions', {
          params: { path: { id: output.id } },
          body: {
            title: values.title.trim(),
            description: values.description.trim(),
            action_type: 'improvement',
            owner_id: output.owner_id,
            due_date: values.due_date || null,
          },
        }),
      ['title', 'description', 'due_date'],
      reload,
    );
  }
  return (
    <form onSubmit={submit} noValidate className="stack" aria-label={`Raise an action from decision ${output.id}`}>
      <ErrorSummary message={errors.summary} />
      <TextField label="Action title" error={errors.fields.title} value={values.title} set={(v) => setValues({ ...values, title: v })} />
      <TextField label="What is to be done" error={errors.fields.description} rows={2} value={values.description} set={(v) => setValues({ ...values, description: v })} />
      <TextField label="Due" error={errors.fields.due_date} type="date" value={values.due_date} set={(v) => setValues({ ...values, due_date: v })} />
      <Submit busy={form.busy}>Raise the action</Submit>
    </form>
  );
}

const moveLabels: Record<Move, string> = {
  planned: 'Back to planned',
  held: 'Record as held',
  closed: 'Approve the minutes and close',
  cancelled: 'Cancel the review',
};

export function ReviewDetail() {
  const id = Number(useParams().id);
  const { me, can } = useMe();
  const [review, setReview] = useState<Review | null>(null);
  const [loadError, setLoadError] = useState('');
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/management-reviews/{id}', { params: { path: { id } } });
    if (data) setReview(data);
    else setLoadError(formErrors(error, []).summary);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  const reload = () => void load();

  const attendee = useForm({ name: '', role: '' });
  const input = useForm({ kind: '' as InputKind | '', summary: '', not_applicable: false });
  const output = useForm({ kind: 'improvement' as OutputKind, decision: '' });
  const minutes = useForm({ text: '' });
  const transition = useForm({ note: '', held_on: '' });

  if (!review) return loadError ? <ErrorSummary message={loadError} /> : <Loading />;
  const open = review.status === 'planned' || review.status === 'held';
  const mayWrite = can('reviews:write') && open;
  const recorded = new Map(review.inputs.map((i) => [i.kind, i]));
  const missing = inputKinds.filter((k) => !recorded.has(k));

  function addAttendee(event: FormEvent, self: boolean) {
    event.preventDefault();
    const body = self
      ? { user_id: me?.id ?? null, role: attendee.values.role.trim() || null }
      : { name: attendee.values.name.trim() || null, role: attendee.values.role.trim() || null };
    void attendee.send(
      () => api.POST('/api/v1/management-reviews/{id}/attendees', { params: { path: { id } }, body }),
      ['name', 'role', 'user_id'],
      reload,
    );
  }
  function addInput(event: FormEvent) {
    event.preventDefault();
    const { kind, summary, not_applicable } = input.values;
    void input.send(
      () =>
        api.POST('/api/v1/management-reviews/{id}/inputs', {
          params: { path: { id } },
          body: { kind: (kind || missing[0]) as InputKind, summary: summary.trim(), not_applicable },
        }),
      ['kind', 'summary', 'not_applicable'],
      reload,
    );
  }
  function addOutput(event: FormEvent) {
    event.preventDefault();
    void output.send(
      () =>
        api.POST('/api/v1/management-reviews/{id}/outputs', {
          params: { path: { id } },
          body: { kind: output.values.kind, decision: output.values.decision.trim(), owner_id: me?.id ?? null },
        }),
      ['kind', 'decision', 'owner_id'],
      reload,
    );
  }
  function saveMinutes(event: FormEvent) {
    event.preventDefault();
    if (!review) return;
    void minutes.send(
      () =>
        api.PATCH('/api/v1/management-reviews/{id}', {
          params: { path: { id } },
          body: { version: review.version, minutes: minutes.values.text.trim() || null },
        }),
      ['minutes'],
      reload,
    );
  }
  function move(to: Move) {
    const body: Schemas['ManagementReviewTransition'] = { to, note: transition.values.note.trim() || null };
    if (to === 'held' && transition.values.held_on) body.held_on = transition.values.held_on;
    void transition.send(
      () => api.POST('/api/v1/management-reviews/{id}/transitions', { params: { path: { id } }, body }),
      ['note', 'held_on', 'attendees', 'inputs', 'minutes'],
      reload,
    );
  }

  return (
    <main>
      <p className="crumbs">
        <Link to="/management-reviews">Management reviews</Link> › {review.reference_number}
      </p>
      <h1>{review.title}</h1>
      <p>
        <Badge value={review.status} />
      </p>
      <dl className="facts">
        <dt>Planned</dt>
        <dd>{review.planned_date}</dd>
        <dt>Held on</dt>
        <dd>{review.held_on ?? '—'}</dd>
        {review.approved_at && (
          <>
            <dt>Minutes approved</dt>
            <dd>{review.approved_at.slice(0, 10)}</dd>
          </>
        )}
        {review.cancellation_reason && (
          <>
            <dt>Cancelled because</dt>
            <dd>{review.cancellation_reason}</dd>
          </>
        )}
      </dl>

      <Section id="attendees-title" title="Attendees">
        {review.attendees.length === 0 ? (
          <p className="muted">No attendee yet: a review is held with at least one.</p>
        ) : (
          <ul>
            {review.attendees.map((a) => (
              <li key={a.id}>
                {a.name ?? (a.user_id === me?.id ? `${me?.full_name ?? 'You'}` : `User ${a.user_id}`)}
                {a.role && <span className="muted"> · {a.role}</span>}
              </li>
            ))}
          </ul>
        )}
        {mayWrite && (
          <form onSubmit={(e) => addAttendee(e, false)} noValidate className="stack" aria-label="Add an attendee">
            <ErrorSummary message={attendee.errors.summary || attendee.errors.fields.user_id || ''} />
            <TextField label="External attendee's name" error={attendee.errors.fields.name} value={attendee.values.name} set={(v) => attendee.setValues({ ...attendee.values, name: v })} />
            <TextField label="Role at the review" error={attendee.errors.fields.role} value={attendee.values.role} set={(v) => attendee.setValues({ ...attendee.values, role: v })} />
            <div className="actions">
              <button type="submit" disabled={attendee.busy}>
                Add the external attendee
              </button>
              <button type="button" disabled={attendee.busy} onClick={(e) => addAttendee(e, true)}>
                Add me
              </button>
            </div>
          </form>
        )}
      </Section>

      <Section id="inputs-title" title="Inputs (ISO 9.3.2)">
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Input</th>
                <th scope="col">Summary</th>
              </tr>
            </thead>
            <tbody>
              {inputKinds.map((kind) => {
                const row = recorded.get(kind);
                return (
                  <tr key={kind}>
                    <th scope="row">{humanise(kind)}</th>
                    <td>
                      {kind === 'previous_actions' && !row ? (
                        <span className="muted">Computed: {review.previous_actions.length} open action(s) of earlier reviews, below</span>
                      ) : row ? (
                        <>
                          {row.not_applicable && <Badge value="not_applicable" />} {row.summary}
                        </>
                      ) : (
                        <span className="muted">Not recorded</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {mayWrite && missing.length > 0 && (
          <form onSubmit={addInput} noValidate className="stack" aria-label="Record an input">
            <ErrorSummary message={input.errors.summary} />
            <ChoiceField label="Input" error={input.errors.fields.kind} value={(input.values.kind || missing[0]) as InputKind} options={missing} set={(v) => input.setValues({ ...input.values, kind: v })} />
            <TextField label="Summary (or why it does not apply)" error={input.errors.fields.summary} rows={2} value={input.values.summary} set={(v) => input.setValues({ ...input.values, summary: v })} />
            <label className="check">
              <input type="checkbox" checked={input.values.not_applicable} onChange={(e) => input.setValues({ ...input.values, not_applicable: e.target.checked })} /> Does
              not apply to this review
            </label>
            <Submit busy={input.busy}>Record the input</Submit>
          </form>
        )}
      </Section>

      <Section id="previous-title" title="Left open by earlier reviews">
        {review.previous_actions.length === 0 ? (
          <p className="muted">No action of an earlier review is still open.</p>
        ) : (
          <ActionsTable rows={review.previous_actions} caption="Actions raised by earlier reviews, neither verified nor cancelled" />
        )}
      </Section>

      <Section id="outputs-title" title="Decisions (ISO 9.3.3)">
        {review.outputs.length === 0 && <p className="muted">Decisions are recorded once the review is held.</p>}
        {review.outputs.map((o) => (
          <article key={o.id} className="card">
            <p>
              <Badge value={o.kind} /> {o.decision}
            </p>
            <p className="muted">{o.action_ids.length} action(s) raised</p>
            {review.status === 'held' && can('actions:write') && <RaiseAction output={o} reload={reload} />}
          </article>
        ))}
        {review.status === 'held' && can('reviews:write') && (
          <form onSubmit={addOutput} noValidate className="stack" aria-label="Record a decision">
            <ErrorSummary message={output.errors.summary} />
            <ChoiceField label="Kind of decision" error={output.errors.fields.kind} value={output.values.kind} options={outputKinds} set={(v) => output.setValues({ ...output.values, kind: v })} />
            <TextField label="Decision" error={output.errors.fields.decision} rows={2} value={output.values.decision} set={(v) => output.setValues({ ...output.values, decision: v })} />
            <Submit busy={output.busy}>Record the decision</Submit>
          </form>
        )}
        {review.actions.length > 0 && <ActionsTable rows={review.actions} caption="Actions raised from this review" />}
      </Section>

      <Section id="minutes-title" title="Minutes">
        <p>{review.minutes ?? <span className="muted">No minutes yet: the review closes when someone other than the chair approves them.</span>}</p>
        {mayWrite && (
          <form onSubmit={saveMinutes} noValidate className="stack" aria-label="Record the minutes">
            <ErrorSummary message={minutes.errors.summary} />
            <TextField label="Minutes" error={minutes.errors.fields.minutes} rows={4} value={minutes.values.text} set={(v) => minutes.setValues({ text: v })} />
            <Submit busy={minutes.busy}>Save the minutes</Submit>
          </form>
        )}
      </Section>

      {review.allowed_transitions.length > 0 ? (
        <Section id="move-title" title="Move this review">
          <ErrorSummary message={transition.errors.summary} />
          {(['attendees', 'inputs', 'minutes'] as const).map(
            (f) => transition.errors.fields[f] && <ErrorSummary key={f} message={`${humanise(f)}: ${transition.errors.fields[f]}`} />,
          )}
          {review.allowed_transitions.includes('held') && (
            <TextField label="Held on" error={transition.errors.fields.held_on} type="date" value={transition.values.held_on} set={(v) => transition.setValues({ ...transition.values, held_on: v })} />
          )}
          <TextField label="Note" error={transition.errors.fields.note} hint="Cancelling and reopening need a note saying why." rows={2} value={transition.values.note} set={(v) => transition.setValues({ ...transition.values, note: v })} />
          <div className="actions">
            {review.allowed_transitions.map((to) => (
              <button key={to} type="button" className={to === 'closed' || to === 'held' ? 'primary' : ''} disabled={transition.busy} onClick={() => move(to)}>
                {moveLabels[to]}
              </button>
            ))}
          </div>
        </Section>
      ) : (
        review.status === 'held' && <p className="muted">The minutes are approved by someone other than the chair who holds reviews:approve.</p>
      )}
    </main>
  );
}
