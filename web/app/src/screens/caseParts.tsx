// What the incident and investigation screens share: the actions of a case and raising one through
// the actions register, the users a lead or an owner is picked from, and a move (transition) panel.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { Badge, ErrorSummary, Field, humanise } from '../ui';

export const noErrors: FormErrors = { summary: '', fields: {} };

// A select of an enumeration's values, humanised; `blank` names the empty choice, if there is one.
export function EnumSelect(props: { id: string; describedBy?: string | undefined; value: string; values: readonly string[]; blank?: string; onChange: (value: string) => void }) {
  return (
    <select id={props.id} value={props.value} aria-describedby={props.describedBy} aria-invalid={!!props.describedBy} onChange={(e) => props.onChange(e.target.value)}>
      {props.blank !== undefined && <option value="">{props.blank}</option>}
      {props.values.map((value) => (
        <option key={value} value={value}>
          {humanise(value)}
        </option>
      ))}
    </select>
  );
}

// A small form inside a card (named for screen readers), submitted without a page load.
export function SubForm(props: { label: string; onSubmit: () => Promise<void> | void; children: ReactNode }) {
  return (
    <form
      className="sub-form"
      aria-label={props.label}
      onSubmit={(e) => {
        e.preventDefault();
        void props.onSubmit();
      }}
    >
      {props.children}
    </form>
  );
}

export function when(instant: string | null | undefined): string {
  if (!instant) return '—';
  return new Date(instant).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

type User = Schemas['User'];

// The active users, for holders of users:read; the others pick only themselves.
export function useUsers(): User[] {
  const { me, can } = useMe();
  const mayList = can('users:read');
  const [users, setUsers] = useState<User[]>([]);
  useEffect(() => {
    if (!mayList) return;
    let live = true;
    void api
      .GET('/api/v1/users', { params: { query: { is_active: true, page_size: 100, sort: 'last_name' } as never } })
      .then(({ data }) => {
        if (live && data) setUsers(data.items);
      });
    return () => {
      live = false;
    };
  }, [mayList]);
  if (!mayList && me) return [me as unknown as User];
  return users;
}

export function UserSelect(props: { id: string; describedBy?: string | undefined; value: string; blank?: string; onChange: (value: string) => void }) {
  const users = useUsers();
  return (
    <select id={props.id} value={props.value} aria-describedby={props.describedBy} aria-invalid={!!props.describedBy} onChange={(e) => props.onChange(e.target.value)}>
      <option value="">{props.blank ?? 'Choose…'}</option>
      {users.map((user) => (
        <option key={user.id} value={String(user.id)}>
          {user.full_name}
        </option>
      ))}
    </select>
  );
}

type Action = Schemas['Action'];

// The actions of an incident (the actions register's, by source).
export function useCaseActions(incidentId: number) {
  const { can } = useMe();
  const mayRead = can('actions:read');
  const [actions, setActions] = useState<Action[] | null>(null);
  const reload = useCallback(async () => {
    if (!mayRead) return;
    const { data } = await api.GET('/api/v1/actions', {
      params: { query: { incident_id: incidentId, page_size: 100, sort: 'created_at' } as never },
    });
    if (data) setActions(data.items);
  }, [incidentId, mayRead]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { actions, reload, mayRead };
}

export function ActionsTable(props: { actions: Action[]; empty: string }) {
  if (props.actions.length === 0) return <p className="muted">{props.empty}</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Due</th>
          </tr>
        </thead>
        <tbody>
          {props.actions.map((a) => (
            <tr key={a.id}>
              <td>{a.reference_number}</td>
              <td>{a.title}</td>
              <td>
                <Badge value={a.status} />
                {a.overdue && <Badge value="overdue" />}
              </td>
              <td>{a.due_date ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// Raising an action of the incident through the actions register (POST /api/v1/actions).
export function RaiseAction(props: { incidentId: number; onRaised: (action: Action) => Promise<void> | void }) {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  async function raise() {
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/actions', {
      body: {
        title: title.trim(),
        description: description.trim(),
        incident_id: props.incidentId,
        owner_id: owner ? Number(owner) : null,
        due_date: due || null,
      },
    });
    setBusy(false);
    if (!data) {
      setErrors(formErrors(error, ['title', 'description', 'owner_id', 'due_date']));
      return;
    }
    setErrors(noErrors);
    setTitle('');
    setDescription('');
    setOwner('');
    setDue('');
    await props.onRaised(data);
  }
  return (
    <SubForm label="Raise an action" onSubmit={raise}>
      <h3>Raise an action</h3>
      <ErrorSummary message={errors.summary} />
      <Field label="Action title" error={errors.fields.title}>
        {(id, d) => <input id={id} value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
      </Field>
      <Field label="What is to be done" error={errors.fields.description}>
        {(id, d) => <textarea id={id} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
      </Field>
      <Field label="Owner" error={errors.fields.owner_id}>
        {(id, d) => <UserSelect id={id} describedBy={d} value={owner} blank="Nobody yet" onChange={setOwner} />}
      </Field>
      <Field label="Action due date" error={errors.fields.due_date}>
        {(id, d) => <input id={id} type="date" value={due} onChange={(e) => setDue(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
      </Field>
      <button type="submit" disabled={busy}>
        Raise the action
      </button>
    </SubForm>
  );
}

// The moves the API offers (allowed_transitions), with a note and any extra field a move takes.
export function MovePanel<To extends string>(props: {
  title: string;
  allowed: readonly To[];
  labels: Partial<Record<To, string>>;
  hint: string;
  errors: FormErrors;
  busy: boolean;
  note: string;
  setNote: (note: string) => void;
  extra?: ReactNode;
  extraMoves?: readonly To[];
  onMove: (to: To) => void;
}) {
  const moves = [...props.allowed, ...(props.extraMoves ?? []).filter((to) => !props.allowed.includes(to))];
  return (
    <section className="card" aria-labelledby="move-title">
      <h2 id="move-title">{props.title}</h2>
      <ErrorSummary message={props.errors.summary} />
      <Field label="Note" error={props.errors.fields.note} hint={props.hint}>
        {(id, d) => <textarea id={id} rows={2} value={props.note} onChange={(e) => props.setNote(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
      </Field>
      {props.extra}
      <div className="actions">
        {moves.map((to) => (
          <button key={to} type="button" className={to === moves[0] ? 'primary' : ''} disabled={props.busy} onClick={() => props.onMove(to)}>
            {props.labels[to] ?? humanise(to)}
          </button>
        ))}
      </div>
    </section>
  );
}
