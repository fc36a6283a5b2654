// The incident register (filters, search, sort and pages in the URL; the RIDDOR counts) and one
// incident: its facts, people and witnesses, the RIDDOR engine's proposal and the responsible
// person's decision, the moves the API allows (closing with an override where permitted), its
// actions and investigations, and its history.
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { withFilter, type ListSpec, type ListState } from '../lib/listState';
import { ListBody, SearchFilter, SelectFilter, useListScreen } from '../lib/useApiList';
import { Badge, ErrorSummary, Field, Loading, humanise } from '../ui';
import { RecordHistory } from './AuditTrail';
import { CsvDownload } from './CsvDownload';
import { ActionsTable, EnumSelect, MovePanel, RaiseAction, SubForm, UserSelect, noErrors, useCaseActions, useUsers, when } from './caseParts';
import { incidentTypes, severities } from './incidentReport';
import { afterOf, beforeOf, dayOfAfter, dayOfBefore } from './trail';

const spec: ListSpec = {
  filters: ['status', 'severity', 'incident_type', 'department', 'occurred_from', 'occurred_to', 'riddor_due', 'riddor_overdue', 'q'],
  sorts: ['reference_number', 'title', 'incident_type', 'severity', 'status', 'occurred_at', 'reported_at', 'riddor_due_date'],
  defaultSort: '-occurred_at',
  defaultPageSize: 20,
};
const statuses = ['reported', 'triaged', 'under_investigation', 'actions', 'review', 'closed'] as const;

// The date range filters: days in the form, instants in the URL and the API (the audit trail's
// mapping: "to" is the first instant after its day, the API's bound being exclusive).
function DayFilter(props: { label: string; name: string; end: boolean; state: ListState; go: (next: ListState) => void }) {
  const { state, go, name, end } = props;
  return (
    <label>
      {props.label}
      <input
        type="date"
        value={end ? dayOfBefore(state.filters[name]) : dayOfAfter(state.filters[name])}
        onChange={(e) => go(withFilter(state, name, end ? beforeOf(e.target.value) : afterOf(e.target.value)))}
      />
    </label>
  );
}

function RiddorCounts() {
  const [stats, setStats] = useState<Schemas['IncidentStatistics'] | null>(null);
  useEffect(() => {
    void api.GET('/api/v1/incidents/statistics').then(({ data }) => data && setStats(data));
  }, []);
  if (!stats) return null;
  return (
    <p className="riddor-counts" aria-label="RIDDOR reports">
      <Link to="/incidents?riddor_overdue=true" className={stats.riddor_overdue > 0 ? 'count bad' : 'count'}>
        <strong>{stats.riddor_overdue}</strong> RIDDOR report{stats.riddor_overdue === 1 ? '' : 's'} overdue
      </Link>
      <Link to="/incidents?riddor_due=true" className="count">
        <strong>{stats.riddor_due}</strong> due
      </Link>
      <span className="count muted">
        <strong>{stats.open}</strong> open of {stats.total}
      </span>
    </p>
  );
}

export function IncidentsList() {
  const { can } = useMe();
  const screen = useListScreen(spec, (query) => api.GET('/api/v1/incidents', { params: { query: query as never } }), 'incidents');
  const { state, go, list } = screen;
  const flag = (name: string, label: string) => (
    <label className="check">
      <input type="checkbox" checked={state.filters[name] === 'true'} onChange={(e) => go(withFilter(state, name, e.target.checked ? 'true' : ''))} />
      {label}
    </label>
  );
  return (
    <main className="wide">
      <div className="title-row">
        <h1>Incidents</h1>
        <CsvDownload load={() => api.GET('/api/v1/incidents/export.csv', { parseAs: 'blob' })} fallbackName="incidents.csv" />
        {can('incidents:report') && (
          <Link to="/report" className="button primary">
            Report an incident
          </Link>
        )}
      </div>
      <RiddorCounts />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter label="Status" name="status" values={statuses} state={state} go={go} />
        <SelectFilter label="Severity" name="severity" values={severities} state={state} go={go} />
        <SelectFilter label="Type" name="incident_type" values={incidentTypes} state={state} go={go} />
        <label>
          Department
          <input
            defaultValue={state.filters.department ?? ''}
            key={state.filters.department ?? ''}
            onKeyDown={(e) => {
              if (e.key === 'Enter') go(withFilter(state, 'department', e.currentTarget.value.trim()));
            }}
          />
        </label>
        <DayFilter label="From" name="occurred_from" end={false} state={state} go={go} />
        <DayFilter label="To" name="occurred_to" end state={state} go={go} />
        {flag('riddor_due', 'RIDDOR due')}
        {flag('riddor_overdue', 'RIDDOR overdue')}
        <SearchFilter placeholder="Reference, title, place, HSE ref." state={state} go={go} />
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No incident matches these filters', text: 'Clear a filter or search for something else.' }}
        none={{ title: 'No incidents reported', text: can('incidents:report') ? <>Good news, or nobody has reported yet: use <Link to="/report">Report an incident</Link>.</> : 'Incidents appear here once someone reports one.' }}
        columns={[
          { field: 'reference_number', label: 'Reference' },
          { field: 'title', label: 'Title' },
          { field: 'incident_type', label: 'Type' },
          { field: 'severity', label: 'Severity' },
          { field: 'status', label: 'Status' },
          { field: 'occurred_at', label: 'Occurred' },
          { field: 'riddor_due_date', label: 'RIDDOR due' },
        ]}
        rows={list?.items.map((i) => (
          <tr key={i.id}>
            <td>
              <Link to={`/incidents/${i.id}`}>{i.reference_number}</Link>
            </td>
            <td>{i.title}</td>
            <td>{humanise(i.incident_type)}</td>
            <td>
              <Badge value={i.severity} />
            </td>
            <td>
              <Badge value={i.status} />
            </td>
            <td>{i.occurred_on}</td>
            <td>
              {i.riddor_due_date ?? '—'} {i.riddor_overdue && <Badge value="overdue" />}
              {i.riddor_reported_at && <span className="muted"> reported</span>}
            </td>
          </tr>
        ))}
      />
    </main>
  );
}

type Incident = Schemas['Incident'];
type Person = Schemas['IncidentPerson'];
type Assessment = Schemas['RiddorAssessment'];
const riddorCategories = [
  'death', 'specified_injury', 'over_seven_day_incapacitation', 'non_worker_hospital', 'occupational_disease',
  'dangerous_occurrence', 'gas_incident', 'over_three_day_incapacitation',
] as const;
const specifiedInjuries = ['fracture', 'amputation', 'sight_loss', 'crush_injury', 'serious_burn', 'scalping', 'loss_of_consciousness', 'enclosed_space'] as const;

const incidentMoves: Partial<Record<Incident['status'], string>> = {
  triaged: 'Triage',
  under_investigation: 'Investigate',
  actions: 'Actions under way',
  review: 'Ready for review',
  closed: 'Close',
};
// The same move reads differently from where it starts: back from review, reopened once closed.
export function moveLabels(from: Incident['status']): Partial<Record<Incident['status'], string>> {
  if (from === 'review') return { ...incidentMoves, actions: 'Send back to actions' };
  if (from === 'closed') return { ...incidentMoves, under_investigation: 'Reopen' };
  return incidentMoves;
}

export function IncidentDetail() {
  const id = Number(useParams().id);
  const { can } = useMe();
  const [incident, setIncident] = useState<Incident | null>(null);
  const [loadError, setLoadError] = useState('');
  const [assessment, setAssessment] = useState<Assessment | null>(null);
  const caseActions = useCaseActions(id);
  const users = useUsers();

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/incidents/{id}', { params: { path: { id } } });
    if (data) setIncident(data);
    else setLoadError(formErrors(error, []).summary);
    const proposal = await api.GET('/api/v1/incidents/{id}/riddor-assessment', { params: { path: { id } } });
    if (proposal.data) setAssessment(proposal.data);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!incident) return <main>{loadError ? <ErrorSummary message={loadError} /> : <Loading />}</main>;
  const write = can('incidents:write');
  return (
    <main>
      <p className="crumbs">
        <Link to="/incidents">Incidents</Link> › {incident.reference_number}
      </p>
      <h1>{incident.title}</h1>
      <p>
        <span className="muted">{incident.reference_number}</span> <Badge value={incident.status} /> <Badge value={incident.severity} />{' '}
        <Badge value={incident.incident_type} />
        {incident.riddor_overdue && <Badge value="overdue" />}
      </p>
      <RiddorLine incident={incident} />
      <dl className="facts">
        <dt>What happened</dt>
        <dd>{incident.description}</dd>
        <dt>When</dt>
        <dd>
          {when(incident.occurred_at)} (day of the event: {incident.occurred_on})
        </dd>
        <dt>Reported</dt>
        <dd>{when(incident.reported_at)}</dd>
        <dt>Where</dt>
        <dd>{incident.location ?? '—'}</dd>
        <dt>Department</dt>
        <dd>{incident.department ?? '—'}</dd>
        <dt>Investigator</dt>
        <dd>{incident.assigned_to_id ? (users.find((u) => u.id === incident.assigned_to_id)?.full_name ?? `user ${incident.assigned_to_id}`) : 'Not assigned'}</dd>
        <dt>Immediate actions</dt>
        <dd>{incident.immediate_actions ?? '—'}</dd>
        <dt>First aid</dt>
        <dd>{incident.first_aid_given ? 'Given' : 'No'}</dd>
        <dt>Emergency services</dt>
        <dd>{incident.emergency_services_called ? 'Called' : 'No'}</dd>
        {incident.closed_at && (
          <>
            <dt>Closed</dt>
            <dd>
              {when(incident.closed_at)}
              {incident.closure_notes ? ` · ${incident.closure_notes}` : ''}
              {incident.closure_override_reason ? ` · override: ${incident.closure_override_reason}` : ''}
            </dd>
          </>
        )}
      </dl>
      {write && incident.status !== 'closed' && <Classify incident={incident} onSaved={load} />}
      <People incident={incident} write={write} reload={load} />
      <Riddor incident={incident} assessment={assessment} write={write} onChange={load} />
      {write && incident.allowed_transitions.length > 0 && <IncidentMoves incident={incident} onMoved={setIncident} />}
      {caseActions.mayRead && (
        <section className="card" aria-labelledby="actions-title">
          <h2 id="actions-title">Actions</h2>
          {caseActions.actions ? <ActionsTable actions={caseActions.actions} empty="No action raised from this incident yet." /> : <Loading />}
          {can('actions:write') && incident.status !== 'closed' && <RaiseAction incidentId={id} onRaised={caseActions.reload} />}
        </section>
      )}
      {can('investigations:read') && <Investigations incident={incident} />}
      <RecordHistory
        record={{ type: 'incident', id }}
        refresh={incident.version}
        load={(query) => api.GET('/api/v1/incidents/{id}/history', { params: { path: { id }, query } })}
      />
    </main>
  );
}

// Triage's classification of the incident, and its facts the RIDDOR engine reads (whether it was
// work-related, flammable gas, the day of a diagnosis): PATCH with the version read.
function Classify(props: { incident: Incident; onSaved: () => Promise<void> }) {
  const { incident } = props;
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({
    incident_type: incident.incident_type as string,
    severity: incident.severity as string,
    department: incident.department ?? '',
    assigned_to_id: incident.assigned_to_id ? String(incident.assigned_to_id) : '',
    work_related: incident.work_related,
    gas_incident: incident.gas_incident,
    diagnosed_on: incident.diagnosed_on ?? '',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const set = (patch: Partial<typeof form>) => setForm((f) => ({ ...f, ...patch }));
  async function save() {
    const { data, error } = await api.PATCH('/api/v1/incidents/{id}', {
      params: { path: { id: incident.id } },
      body: {
        version: incident.version,
        incident_type: form.incident_type as Incident['incident_type'],
        severity: form.severity as Incident['severity'],
        department: form.department.trim() || null,
        assigned_to_id: form.assigned_to_id ? Number(form.assigned_to_id) : null,
        work_related: form.work_related,
        gas_incident: form.gas_incident,
        diagnosed_on: form.diagnosed_on || null,
      },
    });
    if (!data) return setErrors(formErrors(error, ['incident_type', 'severity', 'department', 'assigned_to_id', 'diagnosed_on']));
    setErrors(noErrors);
    setOpen(false);
    await props.onSaved();
  }
  if (!open) {
    return (
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          Classify
        </button>{' '}
        <span className="muted">type, severity, department, investigator and the facts RIDDOR reads</span>
      </p>
    );
  }
  return (
    <section className="card" aria-labelledby="classify-title">
      <h2 id="classify-title">Classify</h2>
      <SubForm label="Classify the incident" onSubmit={save}>
        <ErrorSummary message={errors.summary} />
        <Field label="Incident type" error={errors.fields.incident_type}>
          {(id, d) => <EnumSelect id={id} describedBy={d} value={form.incident_type} values={incidentTypes} onChange={(v) => set({ incident_type: v })} />}
        </Field>
        <Field label="Severity" error={errors.fields.severity}>
          {(id, d) => <EnumSelect id={id} describedBy={d} value={form.severity} values={severities} onChange={(v) => set({ severity: v })} />}
        </Field>
        <Field label="Department" error={errors.fields.department}>
          {(id, d) => <input id={id} value={form.department} onChange={(e) => set({ department: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
        </Field>
        <Field label="Assigned investigator" error={errors.fields.assigned_to_id}>
          {(id, d) => <UserSelect id={id} describedBy={d} value={form.assigned_to_id} blank="Nobody yet" onChange={(v) => set({ assigned_to_id: v })} />}
        </Field>
        <Field label="Diagnosed on (ill health)" error={errors.fields.diagnosed_on}>
          {(id, d) => <input id={id} type="date" value={form.diagnosed_on} onChange={(e) => set({ diagnosed_on: e.target.value })} aria-describedby={d} aria-invalid={!!d} />}
        </Field>
        <label className="big-check">
          <input type="checkbox" checked={form.work_related} onChange={(e) => set({ work_related: e.target.checked })} /> Work-related (RIDDOR applies only then)
        </label>
        <label className="big-check">
          <input type="checkbox" checked={form.gas_incident} onChange={(e) => set({ gas_incident: e.target.checked })} /> Flammable gas caused it (reg. 11)
        </label>
        <SubmitOrCancel submit="Save the classification" onCancel={() => setOpen(false)} />
      </SubForm>
    </section>
  );
}

function People(props: { incident: Incident; write: boolean; reload: () => Promise<void> }) {
  const [editing, setEditing] = useState<number | null>(null);
  const [adding, setAdding] = useState(false);
  const people = props.incident.people;
  return (
    <section className="card" aria-labelledby="people-title">
      <h2 id="people-title">People involved and witnesses</h2>
      {people.length === 0 ? (
        <p className="muted">Nobody recorded.{props.write ? ' Add the people involved and the witnesses.' : ''}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Injury</th>
                <th scope="col">RIDDOR facts</th>
                {props.write && <th scope="col"><span className="sr-only">Edit</span></th>}
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td>
                    {humanise(p.role)} · {humanise(p.person_type)}
                  </td>
                  <td>{p.role === 'witness' ? p.statement ?? '—' : [p.injury_type, p.body_part].filter(Boolean).map((v) => humanise(v as string)).join(', ') || '—'}</td>
                  <td>
                    {p.role === 'witness'
                      ? '—'
                      : [
                          p.days_off_work !== null && p.days_off_work !== undefined ? `${p.days_off_work} days off work` : 'days off not known',
                          p.specified_injury && `specified injury: ${humanise(p.specified_injury)}`,
                          p.taken_to_hospital && 'taken to hospital',
                          p.died && 'died',
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                  </td>
                  {props.write && (
                    <td>
                      {p.role === 'involved' && (
                        <button type="button" className="link" onClick={() => setEditing(p.id)} aria-label={`Edit ${p.name}`}>
                          Edit
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing !== null && (
        <EditPerson
          person={people.find((p) => p.id === editing)!}
          done={async (changed) => {
            setEditing(null);
            if (changed) await props.reload();
          }}
        />
      )}
      {props.write &&
        (adding ? (
          <AddPerson
            incidentId={props.incident.id}
            done={async (changed) => {
              setAdding(false);
              if (changed) await props.reload();
            }}
          />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            Add a person
          </button>
        ))}
    </section>
  );
}

function SubmitOrCancel(props: { submit: string; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="primary">
        {props.submit}
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

function EditPerson(props: { person: Person; done: (changed: boolean) => Promise<void> }) {
  const { person } = props;
  const [days, setDays] = useState(person.days_off_work === null || person.days_off_work === undefined ? '' : String(person.days_off_work));
  const [type, setType] = useState(person.person_type);
  const [specified, setSpecified] = useState<string>(person.specified_injury ?? '');
  const [hospital, setHospital] = useState(person.taken_to_hospital);
  const [died, setDied] = useState(person.died);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function save() {
    const { data, error } = await api.PATCH('/api/v1/incident-people/{id}', {
      params: { path: { id: person.id } },
      body: {
        version: person.version,
        days_off_work: days === '' ? null : Number(days),
        person_type: type,
        specified_injury: (specified || null) as Person['specified_injury'],
        taken_to_hospital: hospital,
        died,
      },
    });
    if (data) await props.done(true);
    else setErrors(formErrors(error, ['days_off_work', 'person_type', 'specified_injury']));
  }
  return (
    <SubForm label={`RIDDOR facts of ${person.name}`} onSubmit={save}>
      <h3>RIDDOR facts of {person.name}</h3>
      <ErrorSummary message={errors.summary} />
      <Field label="Days off work" error={errors.fields.days_off_work} hint="Consecutive days, not counting the day of the incident; weekends and rest days count.">
        {(id, d) => <input id={id} type="number" min={0} inputMode="numeric" value={days} onChange={(e) => setDays(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
      </Field>
      <Field label="Worker or not" error={errors.fields.person_type}>
        {(id, d) => (
          <select id={id} value={type} aria-describedby={d} onChange={(e) => setType(e.target.value as Person['person_type'])}>
            <option value="worker">Worker</option>
            <option value="non_worker">Non-worker</option>
          </select>
        )}
      </Field>
      <Field label="Specified injury (reg. 4(1))" error={errors.fields.specified_injury}>
        {(id, d) => <EnumSelect id={id} describedBy={d} value={specified} values={specifiedInjuries} blank="None" onChange={setSpecified} />}
      </Field>
      <label className="big-check">
        <input type="checkbox" checked={hospital} onChange={(e) => setHospital(e.target.checked)} /> Taken to hospital
      </label>
      <label className="big-check">
        <input type="checkbox" checked={died} onChange={(e) => setDied(e.target.checked)} /> Died
      </label>
      <SubmitOrCancel submit="Save the facts" onCancel={() => void props.done(false)} />
    </SubForm>
  );
}

function AddPerson(props: { incidentId: number; done: (changed: boolean) => Promise<void> }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<'involved' | 'witness'>('involved');
  const [statement, setStatement] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function add() {
    const { data, error } = await api.POST('/api/v1/incidents/{id}/people', {
      params: { path: { id: props.incidentId } },
      body: { name: name.trim(), role, statement: statement.trim() || null },
    });
    if (data) await props.done(true);
    else setErrors(formErrors(error, ['name', 'role', 'statement']));
  }
  return (
    <SubForm label="Add a person" onSubmit={add}>
      <ErrorSummary message={errors.summary} />
      <Field label="Name" error={errors.fields.name}>
        {(id, d) => <input id={id} value={name} onChange={(e) => setName(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
      </Field>
      <Field label="Role" error={errors.fields.role}>
        {(id, d) => (
          <select id={id} value={role} aria-describedby={d} onChange={(e) => setRole(e.target.value as 'involved' | 'witness')}>
            <option value="involved">Involved</option>
            <option value="witness">Witness</option>
          </select>
        )}
      </Field>
      <Field label="Statement" error={errors.fields.statement}>
        {(id, d) => <textarea id={id} rows={2} value={statement} onChange={(e) => setStatement(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
      </Field>
      <SubmitOrCancel submit="Add" onCancel={() => void props.done(false)} />
    </SubForm>
  );
}

// The decision in one line under the title: what it is, by when the report is due, whether it is late.
export function RiddorLine({ incident }: { incident: Incident }) {
  if (incident.riddor_reportable === null || incident.riddor_reportable === undefined) {
    return <p className="riddor-line">RIDDOR: not decided yet</p>;
  }
  const category = incident.riddor_category ? humanise(incident.riddor_category) : '';
  let text = 'RIDDOR: not reportable';
  if (incident.riddor_reportable) text = `RIDDOR: ${category}, report due by ${incident.riddor_due_date ?? '—'}`;
  else if (category) text = `RIDDOR: ${category}, recorded, not reported`;
  let state = '';
  if (incident.riddor_reported_at) state = ` · reported to HSE (${incident.hse_reference ?? ''})`;
  else if (incident.riddor_overdue) state = ' · overdue';
  return <p className={incident.riddor_overdue ? 'riddor-line late' : 'riddor-line'}>{text + state}</p>;
}

// The RIDDOR part: the engine's proposal from the recorded facts, the decision recorded (or the form
// to record it), and the report to the enforcing authority once made.
function Riddor(props: { incident: Incident; assessment: Assessment | null; write: boolean; onChange: () => Promise<void> }) {
  const { incident, assessment } = props;
  const [category, setCategory] = useState<string | null>(null);
  const [rationale, setRationale] = useState('');
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const decided = incident.riddor_reportable !== null && incident.riddor_reportable !== undefined;
  const chosen = category ?? incident.riddor_category ?? assessment?.category ?? '';

  async function decide() {
    const { data, error } = await api.POST('/api/v1/incidents/{id}/riddor-decision', {
      params: { path: { id: incident.id } },
      body: { category: (chosen || null) as Schemas['RiddorDecision']['category'], rationale: rationale.trim() },
    });
    if (!data) return setErrors(formErrors(error, ['category', 'rationale']));
    setErrors(noErrors);
    setRationale('');
    setCategory(null);
    await props.onChange();
  }
  async function reported() {
    const { data, error } = await api.POST('/api/v1/incidents/{id}/riddor-report', {
      params: { path: { id: incident.id } },
      body: { hse_reference: reference.trim() },
    });
    if (!data) return setErrors(formErrors(error, ['hse_reference']));
    setErrors(noErrors);
    await props.onChange();
  }

  return (
    <section className="card" aria-labelledby="riddor-title">
      <h2 id="riddor-title">RIDDOR</h2>
      {assessment && (
        <div className="proposal">
          <h3>The engine proposes</h3>
          <dl className="facts">
            <dt>Category</dt>
            <dd>{assessment.category ? humanise(assessment.category) : 'None: not reportable'}</dd>
            <dt>Regulation</dt>
            <dd>{assessment.regulation || '—'}</dd>
            <dt>Report due</dt>
            <dd>
              {assessment.report_due_date ?? '—'}
              {assessment.counted_from && <span className="muted"> (counted from {assessment.counted_from})</span>}
            </dd>
            {assessment.notify_without_delay && (
              <>
                <dt>Notify</dt>
                <dd>
                  <strong>Now, by the quickest practicable means</strong>
                </dd>
              </>
            )}
            <dt>Why</dt>
            <dd>{assessment.rationale}</dd>
          </dl>
        </div>
      )}
      {decided ? (
        <div className="decision">
          <h3>Decision</h3>
          <dl className="facts">
            <dt>Reportable</dt>
            <dd>{incident.riddor_reportable ? 'Yes' : 'No'}</dd>
            <dt>Category</dt>
            <dd>{incident.riddor_category ? humanise(incident.riddor_category) : 'None'}</dd>
            <dt>Report due by</dt>
            <dd>
              <span data-testid="riddor-due">{incident.riddor_due_date ?? '—'}</span> {incident.riddor_overdue && <Badge value="overdue" />}
            </dd>
            <dt>Rationale</dt>
            <dd>{incident.riddor_rationale}</dd>
            <dt>Decided</dt>
            <dd>{when(incident.riddor_decided_at)}</dd>
            {incident.riddor_reported_at && (
              <>
                <dt>Reported to HSE</dt>
                <dd>
                  {when(incident.riddor_reported_at)} · {incident.hse_reference}
                </dd>
              </>
            )}
          </dl>
        </div>
      ) : (
        <p className="notice">No decision recorded yet: triage needs one.</p>
      )}
      <ErrorSummary message={errors.summary} />
      {props.write && !incident.riddor_reported_at && (
        <SubForm label="RIDDOR decision" onSubmit={decide}>
          <h3>{decided ? 'Revise the decision' : 'Record the decision'}</h3>
          <Field label="RIDDOR category" error={errors.fields.category}>
            {(id, d) => <EnumSelect id={id} describedBy={d} value={chosen} values={riddorCategories} blank="None applies (not reportable)" onChange={setCategory} />}
          </Field>
          <Field label="Rationale" error={errors.fields.rationale} hint="The facts relied on, and why the proposal was followed or not.">
            {(id, d) => <textarea id={id} rows={2} value={rationale} onChange={(e) => setRationale(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
          <button type="submit">Record the decision</button>
        </SubForm>
      )}
      {props.write && incident.riddor_reportable && !incident.riddor_reported_at && (
        <SubForm label="Report made to HSE" onSubmit={reported}>
          <h3>Report made</h3>
          <Field label="HSE reference" error={errors.fields.hse_reference}>
            {(id, d) => <input id={id} value={reference} onChange={(e) => setReference(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
          <button type="submit">Record the report</button>
        </SubForm>
      )}
    </section>
  );
}

function IncidentMoves(props: { incident: Incident; onMoved: (incident: Incident) => void }) {
  const { can } = useMe();
  const { incident } = props;
  const [note, setNote] = useState('');
  const [override, setOverride] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const mayOverride = can('incidents:close_override') && incident.allowed_transitions.includes('closed');
  async function move(to: Incident['status']) {
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/incidents/{id}/transitions', {
      params: { path: { id: incident.id } },
      body: { to, note: note.trim() || null, ...(to === 'closed' && override.trim() ? { closure_override_reason: override.trim() } : {}) },
    });
    setBusy(false);
    if (!data) return setErrors(formErrors(error, ['note', 'closure_override_reason']));
    setErrors(noErrors);
    setNote('');
    setOverride('');
    props.onMoved(data);
  }
  return (
    <MovePanel
      title="Move this incident"
      allowed={incident.allowed_transitions}
      labels={moveLabels(incident.status)}
      hint="Closing from triage, sending back from review and reopening need a note saying why."
      errors={errors}
      busy={busy}
      note={note}
      setNote={setNote}
      onMove={(to) => void move(to)}
      extra={
        mayOverride && (
          <Field label="Override reason (closing with open actions)" error={errors.fields.closure_override_reason}>
            {(id, d) => <input id={id} value={override} onChange={(e) => setOverride(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
        )
      }
    />
  );
}

function Investigations(props: { incident: Incident }) {
  const { can } = useMe();
  const navigate = useNavigate();
  const { incident } = props;
  const [items, setItems] = useState<Schemas['Investigation'][] | null>(null);
  const [title, setTitle] = useState('');
  const [lead, setLead] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  useEffect(() => {
    void api
      .GET('/api/v1/investigations', { params: { query: { incident_id: incident.id, page_size: 100 } as never } })
      .then(({ data }) => data && setItems(data.items));
  }, [incident.id]);
  async function start() {
    const { data, error } = await api.POST('/api/v1/investigations', {
      body: { title: title.trim(), incident_id: incident.id, investigator_id: lead ? Number(lead) : null },
    });
    if (data) navigate(`/investigations/${data.id}`);
    else setErrors(formErrors(error, ['title', 'investigator_id']));
  }
  return (
    <section className="card" aria-labelledby="investigations-title">
      <h2 id="investigations-title">Investigations</h2>
      {!items ? (
        <Loading />
      ) : items.length === 0 ? (
        <p className="muted">No investigation yet.</p>
      ) : (
        <ul>
          {items.map((v) => (
            <li key={v.id}>
              <Link to={`/investigations/${v.id}`}>{v.reference_number}</Link> {v.title} <Badge value={v.status} />
            </li>
          ))}
        </ul>
      )}
      {can('investigations:write') && incident.status !== 'closed' && (
        <SubForm label="Start an investigation" onSubmit={start}>
          <h3>Start an investigation</h3>
          <ErrorSummary message={errors.summary} />
          <Field label="Investigation title" error={errors.fields.title}>
            {(id, d) => <input id={id} value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby={d} aria-invalid={!!d} />}
          </Field>
          <Field label="Investigator" error={errors.fields.investigator_id} hint="Someone else signs it off.">
            {(id, d) => <UserSelect id={id} describedBy={d} value={lead} onChange={setLead} />}
          </Field>
          <button type="submit">Start the investigation</button>
        </SubForm>
      )}
    </section>
  );
}
