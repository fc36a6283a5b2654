// One investigation (root cause analysis) of an incident: the 5-whys as a chain of rows, the
// fishbone's contributing factors by 6M category, the root cause statement, the actions raised from
// it through the actions register, and its moves: to review, and the sign-off by someone other than
// the investigator (the API's refusal is shown as it comes).
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { Badge, ErrorSummary, Field, Loading, humanise } from '../ui';
import { RecordHistory } from './AuditTrail';
import { ActionsTable, EnumSelect, MovePanel, RaiseAction, SubForm, noErrors, useCaseActions, useUsers, when } from './caseParts';

type Investigation = Schemas['Investigation'];
type Status = Investigation['status'];
export const fishbone = ['people', 'machine', 'method', 'material', 'measurement', 'environment'] as const;
type Category = (typeof fishbone)[number];
const moveLabels: Partial<Record<Status, string>> = { in_review: 'Send for review', signed_off: 'Sign off', open: 'Reopen' };

// The sign-off is offered to every holder of investigations:signoff while in review, even when the
// API does not list it (the investigator): pressing it shows the API's refusal and its reason.
export function signOffOffered(investigation: Pick<Investigation, 'status' | 'allowed_transitions'>, maySignOff: boolean): Status[] {
  if (investigation.status !== 'in_review' || !maySignOff || investigation.allowed_transitions.includes('signed_off')) return [];
  return ['signed_off'];
}

export function InvestigationDetail() {
  const id = Number(useParams().id);
  const { me, can } = useMe();
  const users = useUsers();
  const [investigation, setInvestigation] = useState<Investigation | null>(null);
  const [loadError, setLoadError] = useState('');
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/investigations/{id}', { params: { path: { id } } });
    if (data) setInvestigation(data);
    else setLoadError(formErrors(error, []).summary);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!investigation) return <main>{loadError ? <ErrorSummary message={loadError} /> : <Loading />}</main>;
  const write = can('investigations:write') && investigation.status !== 'signed_off';
  const lead = investigation.investigator_id === me?.id ? 'you' : (users.find((u) => u.id === investigation.investigator_id)?.full_name ?? `user ${investigation.investigator_id}`);
  return (
    <main>
      <p className="crumbs">
        {investigation.incident_id && <Link to={`/incidents/${investigation.incident_id}`}>Incident</Link>} › {investigation.reference_number}
      </p>
      <h1>{investigation.title}</h1>
      <p>
        <span className="muted">{investigation.reference_number}</span> <Badge value={investigation.status} /> · led by {lead}
      </p>
      {investigation.status === 'signed_off' && (
        <p className="notice" role="status">
          Signed off {when(investigation.signed_off_at)}
          {investigation.sign_off_notes ? `: ${investigation.sign_off_notes}` : ''}.
        </p>
      )}
      <Whys investigation={investigation} write={write} onChange={setInvestigation} />
      <Factors investigation={investigation} write={write} onChange={setInvestigation} />
      <RootCause investigation={investigation} write={write} onChange={setInvestigation} />
      {investigation.incident_id && <RaisedActions investigation={investigation} onChange={setInvestigation} />}
      <InvestigationMoves investigation={investigation} onMoved={setInvestigation} />
      <RecordHistory
        record={{ type: 'investigation', id }}
        refresh={investigation.version}
        load={(query) => api.GET('/api/v1/investigations/{id}/history', { params: { path: { id }, query } })}
      />
    </main>
  );
}

type Part = { investigation: Investigation; write: boolean; onChange: (next: Investigation) => void };

// Adding a child row answers with the row; the parent is read again for its new version.
async function reread(id: number, onChange: (next: Investigation) => void) {
  const { data } = await api.GET('/api/v1/investigations/{id}', { params: { path: { id } } });
  if (data) onChange(data);
}

type WhyText = { why: string; answer: string };
type FactorText = { category: string; factor: string };

// The form of one child row (a why, a factor): the next one, or one corrected. `save` answers the
// API's error body, or undefined when the row was taken (the form then empties for the next one).
function RowForm<T extends Record<string, string>>(props: {
  label: string;
  initial: T;
  submit: string;
  fields: readonly (keyof T & string)[];
  render: (text: T, set: (patch: Partial<T>) => void, errors: Record<string, string>) => ReactNode;
  save: (text: T) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [text, setText] = useState<T>(props.initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function save() {
    const trimmed = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v.trim()])) as T;
    const failure = await props.save(trimmed);
    if (failure !== undefined) return setErrors(formErrors(failure, props.fields));
    setErrors(noErrors);
    setText(props.initial);
  }
  return (
    <SubForm label={props.label} onSubmit={save}>
      <ErrorSummary message={errors.summary} />
      {props.render(text, (patch) => setText({ ...text, ...patch }), errors.fields)}
      <div className="actions">
        <button type="submit">{props.submit}</button>
        {props.onCancel && (
          <button type="button" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </SubForm>
  );
}

function WhyForm(props: { label: string; whyLabel: string; initial: WhyText; submit: string; save: (text: WhyText) => Promise<unknown>; onCancel?: () => void }) {
  return (
    <RowForm
      {...props}
      fields={['why', 'answer']}
      render={(text, set, errors) => (
        <>
          <Field label={props.whyLabel} error={errors.why}>
            {(id, d) => <input id={id} value={text.why} onChange={(e) => set({ why: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
          <Field label="Because" error={errors.answer}>
            {(id, d) => <input id={id} value={text.answer} onChange={(e) => set({ answer: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
        </>
      )}
    />
  );
}

function FactorForm(props: { label: string; initial: FactorText; submit: string; save: (text: FactorText) => Promise<unknown>; onCancel?: () => void }) {
  return (
    <RowForm
      {...props}
      fields={['category', 'factor']}
      render={(text, set, errors) => (
        <>
          <Field label="Category" error={errors.category}>
            {(id, d) => <EnumSelect id={id} describedBy={d} value={text.category} values={fishbone} onChange={(v) => set({ category: v })} />}
          </Field>
          <Field label="Factor" error={errors.factor}>
            {(id, d) => <input id={id} value={text.factor} onChange={(e) => set({ factor: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
        </>
      )}
    />
  );
}

function Whys({ investigation, write, onChange }: Part) {
  const [editing, setEditing] = useState<number | null>(null);
  const whys = [...investigation.whys].sort((a, b) => a.position - b.position);
  async function add(text: WhyText) {
    const { data, error } = await api.POST('/api/v1/investigations/{id}/whys', { params: { path: { id: investigation.id } }, body: text });
    if (!data) return error ?? null;
    await reread(investigation.id, onChange);
    return undefined;
  }
  async function correct(why: Schemas['InvestigationWhy'], text: WhyText) {
    const { data, error } = await api.PATCH('/api/v1/investigation-whys/{id}', {
      params: { path: { id: why.id } },
      body: { version: why.version, ...text },
    });
    if (!data) return error ?? null;
    setEditing(null);
    await reread(investigation.id, onChange);
    return undefined;
  }
  return (
    <section className="card" aria-labelledby="whys-title">
      <h2 id="whys-title">5 whys</h2>
      {whys.length === 0 ? (
        <p className="muted">No why asked yet. Start from the event: why did it happen? Then ask why of each answer.</p>
      ) : (
        <ol className="whys">
          {whys.map((w) => (
            <li key={w.id}>
              {editing === w.id ? (
                <WhyForm label={`Correct why ${w.position}`} whyLabel={`Why ${w.position}`} initial={{ why: w.why, answer: w.answer }} submit="Save the why" save={(text) => correct(w, text)} onCancel={() => setEditing(null)} />
              ) : (
                <>
                  <strong>{w.why}</strong>
                  <span>{w.answer}</span>
                  {write && (
                    <button type="button" className="link" aria-label={`Correct why ${w.position}`} onClick={() => setEditing(w.id)}>
                      Correct
                    </button>
                  )}
                </>
              )}
            </li>
          ))}
        </ol>
      )}
      {write && editing === null && <WhyForm label="Ask the next why" whyLabel={`Why ${whys.length + 1}`} initial={{ why: '', answer: '' }} submit="Add the why" save={add} />}
    </section>
  );
}

function Factors({ investigation, write, onChange }: Part) {
  const [editing, setEditing] = useState<number | null>(null);
  async function add(text: FactorText) {
    const { data, error } = await api.POST('/api/v1/investigations/{id}/factors', {
      params: { path: { id: investigation.id } },
      body: { category: text.category as Category, factor: text.factor },
    });
    if (!data) return error ?? null;
    await reread(investigation.id, onChange);
    return undefined;
  }
  async function correct(factor: Schemas['InvestigationFactor'], text: FactorText) {
    const { data, error } = await api.PATCH('/api/v1/investigation-factors/{id}', {
      params: { path: { id: factor.id } },
      body: { version: factor.version, category: text.category as Category, factor: text.factor },
    });
    if (!data) return error ?? null;
    setEditing(null);
    await reread(investigation.id, onChange);
    return undefined;
  }
  return (
    <section className="card" aria-labelledby="factors-title">
      <h2 id="factors-title">Contributing factors (6M)</h2>
      {investigation.factors.length === 0 ? (
        <p className="muted">No contributing factor yet: consider people, machine, method, material, measurement and environment.</p>
      ) : (
        <dl className="factors">
          {fishbone
            .filter((c) => investigation.factors.some((f) => f.category === c))
            .map((c) => (
              <div key={c} className="factor-group">
                <dt>{humanise(c)}</dt>
                {investigation.factors
                  .filter((f) => f.category === c)
                  .map((f) => (
                    <dd key={f.id}>
                      {editing === f.id ? (
                        <FactorForm label={`Correct the factor ${f.factor}`} initial={{ category: f.category, factor: f.factor }} submit="Save the factor" save={(text) => correct(f, text)} onCancel={() => setEditing(null)} />
                      ) : (
                        <>
                          {f.factor}{' '}
                          {write && (
                            <button type="button" className="link" aria-label={`Correct the factor ${f.factor}`} onClick={() => setEditing(f.id)}>
                              Correct
                            </button>
                          )}
                        </>
                      )}
                    </dd>
                  ))}
              </div>
            ))}
        </dl>
      )}
      {write && editing === null && <FactorForm label="Add a contributing factor" initial={{ category: 'method', factor: '' }} submit="Add the factor" save={add} />}
    </section>
  );
}

function RootCause({ investigation, write, onChange }: Part) {
  const [text, setText] = useState(investigation.root_cause ?? '');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saved, setSaved] = useState(false);
  async function save() {
    const { data, error } = await api.PATCH('/api/v1/investigations/{id}', {
      params: { path: { id: investigation.id } },
      body: { version: investigation.version, root_cause: text.trim() || null },
    });
    if (!data) return setErrors(formErrors(error, ['root_cause']));
    setErrors(noErrors);
    setSaved(true);
    onChange(data);
  }
  return (
    <section className="card" aria-labelledby="root-title">
      <h2 id="root-title">Root cause</h2>
      {!write ? (
        <p>{investigation.root_cause ?? <span className="muted">Not stated yet.</span>}</p>
      ) : (
        <SubForm label="Root cause" onSubmit={save}>
          <ErrorSummary message={errors.summary} />
          <Field label="Root cause statement" error={errors.fields.root_cause} hint="Needed before the investigation goes for review.">
            {(id, d) => (
              <textarea
                id={id}
                rows={3}
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setSaved(false);
                }}
                aria-describedby={d}
                aria-invalid={!!d}
              />
            )}
          </Field>
          <div className="actions">
            <button type="submit">Save the root cause</button>
            {saved && <span role="status">Saved.</span>}
          </div>
        </SubForm>
      )}
    </section>
  );
}

function RaisedActions({ investigation, onChange }: { investigation: Investigation; onChange: (next: Investigation) => void }) {
  const { can } = useMe();
  const incidentId = investigation.incident_id!;
  const { actions, reload, mayRead } = useCaseActions(incidentId);
  const [error, setError] = useState('');
  const raised = (actions ?? []).filter((a) => investigation.action_ids.includes(a.id));
  // An action raised here is an action of the incident (its source), listed by the investigation.
  async function link(action: Schemas['Action']) {
    const { data, error: failure } = await api.PATCH('/api/v1/investigations/{id}', {
      params: { path: { id: investigation.id } },
      body: { version: investigation.version, action_ids: [...investigation.action_ids, action.id] },
    });
    if (data) {
      setError('');
      onChange(data);
    } else {
      setError(formErrors(failure, []).summary);
    }
    await reload();
  }
  return (
    <section className="card" aria-labelledby="raised-title">
      <h2 id="raised-title">Actions raised</h2>
      <ErrorSummary message={error} />
      {mayRead ? (
        actions ? <ActionsTable actions={raised} empty="No action raised from this investigation yet." /> : <Loading />
      ) : (
        <p className="muted">{investigation.action_ids.length} action(s) raised.</p>
      )}
      {can('actions:write') && can('investigations:write') && investigation.status !== 'signed_off' && (
        <RaiseAction incidentId={incidentId} onRaised={link} />
      )}
    </section>
  );
}

function InvestigationMoves({ investigation, onMoved }: { investigation: Investigation; onMoved: (next: Investigation) => void }) {
  const { can } = useMe();
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const extra = signOffOffered(investigation, can('investigations:signoff'));
  if (investigation.allowed_transitions.length === 0 && extra.length === 0) return null;
  async function move(to: Status) {
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/investigations/{id}/transitions', {
      params: { path: { id: investigation.id } },
      body: { to, note: note.trim() || null },
    });
    setBusy(false);
    if (!data) return setErrors(formErrors(error, ['note']));
    setErrors(noErrors);
    setNote('');
    onMoved(data);
  }
  return (
    <MovePanel
      title="Move this investigation"
      allowed={investigation.allowed_transitions}
      extraMoves={extra}
      labels={investigation.status === 'in_review' ? { ...moveLabels, open: 'Send back' } : moveLabels}
      hint="Sending back and reopening need a note; the sign-off's note is kept with it."
      errors={errors}
      busy={busy}
      note={note}
      setNote={setNote}
      onMove={(to) => void move(to)}
    />
  );
}
