// The risk register (filters, search, sort and page in the URL), identifying a risk, and a risk's
// page: its current rating, the immutable assessments with their trend, recording one, the
// treatment and its acceptance by an approver, the moves the API allows, re-scoring when its
// matrix version is not current, and its treatment plan (actions raised from it).
import { lazy, Suspense, useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors } from '../lib/fieldErrors';
import type { ListSpec } from '../lib/listState';
import { ListBody, SearchFilter, SelectFilter, useListScreen } from '../lib/useApiList';
import { Badge, Empty, ErrorSummary, Loading, humanise } from '../ui';
import { ActionsOf } from './Actions';
import { given, givenNumber, useForm, type Choice } from './formKit';
import { CsvDownload } from './CsvDownload';
import { ChoiceFilter, FlagFilter, LinkedFilter, TextFilter } from './listFilters';
import { usePeople } from './people';
import { openStatuses, riskMoveLabels, trendOf } from './riskLogic';

const RiskTrend = lazy(() => import('./RiskTrend'));

type Risk = Schemas['Risk'];
export const riskCategories = [
  'strategic',
  'operational',
  'financial',
  'compliance',
  'reputational',
  'safety',
  'environmental',
  'information_security',
] as const;
export const riskLevels = ['very_low', 'low', 'medium', 'high', 'critical'] as const;
const riskStatuses = ['identified', 'assessing', 'treating', 'monitoring', 'closed'] as const;
const statusChoices: Choice[] = [{ value: openStatuses, label: 'Open (not closed)' }, ...riskStatuses];
const strategies = ['mitigate', 'transfer', 'avoid', 'exploit'] as const;
const ratings: Choice[] = ['1', '2', '3', '4', '5'];
const cellFilters = ['likelihood', 'impact'] as const;
const inherentCellFilters = ['inherent_likelihood', 'inherent_impact'] as const;

const spec: ListSpec = {
  filters: ['status', 'level', 'category', 'department', 'owner_id', 'review_due', 'treatment_overdue', 'q', ...cellFilters, ...inherentCellFilters],
  sorts: ['reference_number', 'title', 'category', 'score', 'level', 'status', 'next_review_date', 'treatment_due_date'],
  defaultSort: '-score',
  defaultPageSize: 20,
};

function cellLabel(filters: Record<string, string>, prefix: string, what: string) {
  return `Only ${what}likelihood ${filters[`${prefix}likelihood`] ?? 'any'} × impact ${filters[`${prefix}impact`] ?? 'any'}`;
}

export function RisksList() {
  const { can } = useMe();
  const { name, owners } = usePeople();
  const screen = useListScreen(spec, (query) => api.GET('/api/v1/risks', { params: { query: query as never } }), 'risks');
  const { state, go, list } = screen;
  return (
    <main className="wide">
      <div className="title-row">
        <h1>Risk register</h1>
        <div className="actions">
          <Link to="/risks/matrix">Heat map</Link>
          <CsvDownload load={() => api.GET('/api/v1/risks/export.csv', { parseAs: 'blob' })} fallbackName="risk-register.csv" />
          {can('risks:write') && (
            <Link className="button primary" to="/risks/new">
              Identify a risk
            </Link>
          )}
        </div>
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <ChoiceFilter label="Status" name="status" choices={statusChoices} state={state} go={go} />
        <SelectFilter label="Level" name="level" values={riskLevels} state={state} go={go} />
        <SelectFilter label="Category" name="category" values={riskCategories} state={state} go={go} />
        <TextFilter label="Department" name="department" state={state} go={go} />
        <ChoiceFilter label="Owner" name="owner_id" choices={owners.filter((o) => typeof o !== 'string' && o.value !== '')} state={state} go={go} />
        <FlagFilter label="Review overdue" name="review_due" state={state} go={go} />
        <FlagFilter label="Treatment overdue" name="treatment_overdue" state={state} go={go} />
        <SearchFilter placeholder="Reference, title, description" state={state} go={go} />
        <LinkedFilter names={cellFilters} label={cellLabel(state.filters, '', '')} state={state} go={go} />
        <LinkedFilter names={inherentCellFilters} label={cellLabel(state.filters, 'inherent_', 'inherent ')} state={state} go={go} />
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No risk matches these filters', text: 'Clear a filter to see more.' }}
        none={{
          title: 'No risks yet',
          text: can('risks:write') ? (
            <>
              Identify the first one: <Link to="/risks/new">Identify a risk</Link>.
            </>
          ) : (
            'Risks appear here once someone who may write them identifies one.'
          ),
        }}
        columns={[
          { field: 'reference_number', label: 'Reference' },
          { field: 'title', label: 'Title' },
          { field: 'category', label: 'Category' },
          { field: 'score', label: 'Score' },
          { field: 'level', label: 'Level' },
          { field: 'status', label: 'Status' },
          { label: 'Owner' },
          { field: 'next_review_date', label: 'Next review' },
        ]}
        rows={list?.items.map((r) => (
          <tr key={r.id}>
            <td>
              <Link to={`/risks/${r.id}`}>{r.reference_number}</Link>
            </td>
            <td>{r.title}</td>
            <td>{humanise(r.category)}</td>
            <td>
              {r.score} <span className="muted">({r.likelihood}×{r.impact})</span>
            </td>
            <td>
              <Badge value={r.level} />
            </td>
            <td>
              <Badge value={r.status} />
            </td>
            <td>{name(r.owner_id)}</td>
            <td>
              {r.next_review_date ?? '—'} {r.review_due && <Badge value="overdue" />}
            </td>
          </tr>
        ))}
      />
    </main>
  );
}

export function NewRisk() {
  const navigate = useNavigate();
  const { owners } = usePeople();
  const { me } = useMe();
  const form = useForm({
    title: '',
    description: '',
    category: 'operational',
    department: '',
    risk_source: '',
    risk_event: '',
    risk_consequence: '',
    owner_id: me ? String(me.id) : '',
    likelihood: '3',
    impact: '3',
    treatment_strategy: 'mitigate',
    treatment_plan: '',
    treatment_due_date: '',
  });
  const v = form.values;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await form.submit(() =>
      api.POST('/api/v1/risks', {
        body: {
          title: v.title,
          description: v.description,
          category: v.category as Risk['category'],
          department: given(v.department),
          risk_source: given(v.risk_source),
          risk_event: given(v.risk_event),
          risk_consequence: given(v.risk_consequence),
          owner_id: givenNumber(v.owner_id),
          likelihood: Number(v.likelihood),
          impact: Number(v.impact),
          treatment_strategy: v.treatment_strategy as Risk['treatment_strategy'],
          treatment_plan: given(v.treatment_plan),
          treatment_due_date: given(v.treatment_due_date),
        },
      }),
    );
    if (created) navigate(`/risks/${created.id}`);
  }
  return (
    <main>
      <p className="crumbs">
        <Link to="/risks">Risks</Link> › New
      </p>
      <h1>Identify a risk</h1>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorSummary message={form.errors.summary} />
        {form.control('title', 'Title')}
        {form.control('description', 'Description', { kind: 'textarea' })}
        {form.control('category', 'Category', { choices: riskCategories })}
        {form.control('department', 'Department')}
        {form.control('risk_source', 'Source', { hint: 'Where the risk comes from' })}
        {form.control('risk_event', 'Event', { hint: 'What could happen' })}
        {form.control('risk_consequence', 'Consequence', { hint: 'The outcome on objectives' })}
        {form.control('owner_id', 'Owner', { choices: owners })}
        {form.control('likelihood', 'Likelihood', { choices: ratings, hint: '1 rare … 5 almost certain' })}
        {form.control('impact', 'Impact', { choices: ratings, hint: '1 insignificant … 5 catastrophic' })}
        {form.control('treatment_strategy', 'Treatment', { choices: strategies, hint: 'Accepting a risk is an approver’s decision, on its page' })}
        {form.control('treatment_plan', 'Treatment plan', { kind: 'textarea' })}
        {form.control('treatment_due_date', 'Treatment due', { kind: 'date' })}
        <div className="actions">
          <button type="submit" className="primary" disabled={form.busy}>
            {form.busy ? 'Saving…' : 'Identify the risk'}
          </button>
          <Link to="/risks">Cancel</Link>
        </div>
      </form>
    </main>
  );
}

function useRisk(id: number) {
  const [risk, setRisk] = useState<Risk | null>(null);
  const [assessments, setAssessments] = useState<Schemas['RiskAssessment'][] | null>(null);
  const [assessmentCount, setAssessmentCount] = useState(0);
  const [currentMatrix, setCurrentMatrix] = useState<number | null>(null);
  const [failure, setFailure] = useState('');
  const load = useCallback(async () => {
    const [one, history, matrices] = await Promise.all([
      api.GET('/api/v1/risks/{id}', { params: { path: { id } } }),
      api.GET('/api/v1/risks/{id}/assessments', { params: { path: { id }, query: { page_size: 100 } as never } }),
      api.GET('/api/v1/risk-matrices', { params: { query: { page_size: 1 } as never } }),
    ]);
    if (one.data) setRisk(one.data);
    else setFailure(formErrors(one.error, []).summary);
    if (history.data) {
      setAssessments(history.data.items);
      setAssessmentCount(history.data.total);
    }
    setCurrentMatrix(matrices.data?.items.find((m) => m.current)?.id ?? null);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  return { risk, setRisk, assessments, assessmentCount, currentMatrix, failure, reload: load };
}

export function RiskDetail() {
  const id = Number(useParams().id);
  const { can } = useMe();
  const { name } = usePeople();
  const { risk, setRisk, assessments, assessmentCount, currentMatrix, failure, reload } = useRisk(id);
  const [showTrend, setShowTrend] = useState(false);
  if (!risk) return <main>{failure ? <ErrorSummary message={failure} /> : <Loading />}</main>;
  const outdated = currentMatrix !== null && risk.matrix_id !== currentMatrix;
  const trend = trendOf(assessments ?? []);
  return (
    <main>
      <p className="crumbs">
        <Link to="/risks">Risks</Link> › {risk.reference_number}
      </p>
      <h1>{risk.title}</h1>
      <p>
        <Badge value={risk.level} /> <Badge value={risk.status} /> {risk.review_due && <Badge value="review_due" />}
        {risk.treatment_overdue && <Badge value="treatment_overdue" />}
      </p>
      <dl className="facts">
        <dt>Current rating</dt>
        <dd>
          Likelihood {risk.likelihood} × impact {risk.impact} = {risk.score} ({humanise(risk.level)})
        </dd>
        <dt>Inherent</dt>
        <dd>{risk.inherent_score !== null ? `${risk.inherent_score} (${humanise(risk.inherent_level ?? '')})` : 'not assessed yet'}</dd>
        <dt>Target</dt>
        <dd>{risk.target_score !== null ? `${risk.target_score} (${humanise(risk.target_level ?? '')})` : '—'}</dd>
        <dt>Category</dt>
        <dd>{humanise(risk.category)}</dd>
        <dt>Department</dt>
        <dd>{risk.department ?? '—'}</dd>
        <dt>Owner</dt>
        <dd>{name(risk.owner_id)}</dd>
        <dt>Description</dt>
        <dd>{risk.description}</dd>
        <dt>Source / event / consequence</dt>
        <dd>
          {risk.risk_source ?? '—'} / {risk.risk_event ?? '—'} / {risk.risk_consequence ?? '—'}
        </dd>
        <dt>Next review</dt>
        <dd>
          {risk.next_review_date ?? '—'} (every {risk.review_frequency_months} months at this level)
        </dd>
        <dt>Treatment</dt>
        <dd>
          {humanise(risk.treatment_strategy)}
          {risk.treatment_due_date && `, due ${risk.treatment_due_date}`}
          {risk.treatment_plan && <span className="block">{risk.treatment_plan}</span>}
        </dd>
        {risk.treatment_strategy === 'accept' && (
          <>
            <dt>Accepted</dt>
            <dd>
              by {name(risk.accepted_by_id)} until {risk.acceptance_expires_on}
              {risk.acceptance_expired && ' (expired: due for review)'}: {risk.acceptance_justification}
            </dd>
          </>
        )}
      </dl>
      {outdated && <Rescore risk={risk} onDone={setRisk} />}
      <RiskMoves risk={risk} onMoved={setRisk} />

      <section className="card" aria-labelledby="assessments-title">
        <h2 id="assessments-title">Assessments</h2>
        {assessments === null ? (
          <Loading />
        ) : assessments.length === 0 ? (
          <Empty title="Not assessed yet">Record the first assessment below: its residual rating becomes the risk’s current one.</Empty>
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <caption className="muted">
                  Each assessment is a record of its day: it never changes.
                  {assessmentCount > assessments.length && ` The latest ${assessments.length} of ${assessmentCount}.`}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Type</th>
                    <th scope="col">Inherent</th>
                    <th scope="col">Residual</th>
                    <th scope="col">Target</th>
                    <th scope="col">By</th>
                    <th scope="col">Rationale</th>
                  </tr>
                </thead>
                <tbody>
                  {assessments.map((a) => (
                    <tr key={a.id}>
                      <td>{a.assessed_at.slice(0, 10)}</td>
                      <td>{humanise(a.assessment_type)}</td>
                      <td>
                        {a.inherent_likelihood}×{a.inherent_impact} = {a.inherent_score} {humanise(a.inherent_level)}
                      </td>
                      <td>
                        {a.residual_likelihood}×{a.residual_impact} = {a.residual_score} {humanise(a.residual_level)}
                      </td>
                      <td>{a.target_score !== null ? `${a.target_score} ${humanise(a.target_level ?? '')}` : '—'}</td>
                      <td>{name(a.assessed_by_id)}</td>
                      <td>{a.assessment_notes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {trend.length > 1 &&
              (showTrend ? (
                <Suspense fallback={<Loading />}>
                  <RiskTrend points={trend} />
                </Suspense>
              ) : (
                <button type="button" onClick={() => setShowTrend(true)}>
                  Show the trend
                </button>
              ))}
          </>
        )}
        {can('risks:write') && risk.status !== 'closed' && (
          <RecordAssessment risk={risk} onRecorded={() => void reload()} />
        )}
      </section>

      {can('risks:write') && risk.status !== 'closed' && <Treatment risk={risk} onSaved={setRisk} />}
      {can('risks:approve') && risk.status !== 'closed' && <Acceptance risk={risk} onAccepted={setRisk} />}
      {can('actions:read') && <ActionsOf source={{ risk_id: risk.id }} raising={risk.status !== 'closed'} onRaised={() => void reload()} />}
    </main>
  );
}

function Rescore({ risk, onDone }: { risk: Risk; onDone: (risk: Risk) => void }) {
  const { can } = useMe();
  const [message, setMessage] = useState('');
  async function rescore() {
    const { data, error } = await api.POST('/api/v1/risks/{id}/rescore', { params: { path: { id: risk.id } } });
    if (data) onDone(data);
    else setMessage(formErrors(error, []).summary);
  }
  return (
    <div className="notice" role="status">
      This risk was rated with an older version of the risk matrix; its level stays until it is re-scored.{' '}
      {can('risks:write') && (
        <button type="button" onClick={() => void rescore()}>
          Re-score with the current matrix
        </button>
      )}
      <ErrorSummary message={message} />
    </div>
  );
}

function RiskMoves({ risk, onMoved }: { risk: Risk; onMoved: (risk: Risk) => void }) {
  const form = useForm({ note: '' });
  if (risk.allowed_transitions.length === 0) return null;
  async function move(to: Risk['allowed_transitions'][number]) {
    await form.submitAndReset(
      () => api.POST('/api/v1/risks/{id}/transitions', { params: { path: { id: risk.id } }, body: { to, note: given(form.values.note) ?? null } }),
      onMoved,
    );
  }
  return (
    <section className="card" aria-labelledby="risk-move-title">
      <h2 id="risk-move-title">Move this risk</h2>
      <ErrorSummary message={form.errors.summary} />
      {form.control('note', 'Note', { kind: 'textarea', hint: 'Closing an identified risk or reopening a closed one needs a note.' })}
      <div className="actions">
        {risk.allowed_transitions.map((to) => (
          <button key={to} type="button" disabled={form.busy} onClick={() => void move(to)}>
            {risk.status === 'closed' && to === 'assessing' ? 'Reopen' : (riskMoveLabels[to] ?? humanise(to))}
          </button>
        ))}
      </div>
    </section>
  );
}

function RecordAssessment({ risk, onRecorded }: { risk: Risk; onRecorded: () => void }) {
  const form = useForm({
    assessment_type: 'periodic',
    inherent_likelihood: String(risk.inherent_likelihood),
    inherent_impact: String(risk.inherent_impact),
    residual_likelihood: String(risk.likelihood),
    residual_impact: String(risk.impact),
    target_likelihood: '',
    target_impact: '',
    assessment_notes: '',
    control_effectiveness_notes: '',
  });
  const [reliedOn, setReliedOn] = useState<number[]>([]);
  const v = form.values;
  const optional: Choice[] = [{ value: '', label: 'None' }, ...ratings];
  async function submit(event: FormEvent) {
    event.preventDefault();
    await form.submitAndReset(
      () =>
        api.POST('/api/v1/risks/{id}/assessments', {
          params: { path: { id: risk.id } },
          body: {
            assessment_type: v.assessment_type as Schemas['RiskAssessment']['assessment_type'],
            inherent_likelihood: Number(v.inherent_likelihood),
            inherent_impact: Number(v.inherent_impact),
            residual_likelihood: Number(v.residual_likelihood),
            residual_impact: Number(v.residual_impact),
            target_likelihood: givenNumber(v.target_likelihood) ?? null,
            target_impact: givenNumber(v.target_impact) ?? null,
            assessment_notes: v.assessment_notes,
            control_effectiveness_notes: given(v.control_effectiveness_notes) ?? null,
            action_ids: reliedOn,
          },
        }),
      () => {
        setReliedOn([]);
        onRecorded();
      },
      ['action_ids'],
    );
  }
  return (
    <form onSubmit={submit} noValidate className="stack" aria-labelledby="assess-title">
      <h3 id="assess-title">Record an assessment</h3>
      <ErrorSummary message={form.errors.summary} />
      {form.control('assessment_type', 'Type', { choices: ['initial', 'periodic', 'triggered', 'post_incident'] })}
      <fieldset className="pair">
        <legend>Inherent (before controls)</legend>
        {form.control('inherent_likelihood', 'Inherent likelihood', { choices: ratings })}
        {form.control('inherent_impact', 'Inherent impact', { choices: ratings })}
      </fieldset>
      <fieldset className="pair">
        <legend>Residual (with the controls in place)</legend>
        {form.control('residual_likelihood', 'Residual likelihood', { choices: ratings })}
        {form.control('residual_impact', 'Residual impact', { choices: ratings })}
      </fieldset>
      <fieldset className="pair">
        <legend>Target (optional: both or neither)</legend>
        {form.control('target_likelihood', 'Target likelihood', { choices: optional })}
        {form.control('target_impact', 'Target impact', { choices: optional })}
      </fieldset>
      {form.control('assessment_notes', 'Rationale', { kind: 'textarea' })}
      {form.control('control_effectiveness_notes', 'Control effectiveness', { kind: 'textarea' })}
      {risk.action_ids.length > 0 && (
        <fieldset>
          <legend>Actions the residual rating relies on</legend>
          {risk.action_ids.map((actionId) => (
            <label key={actionId} className="check">
              <input
                type="checkbox"
                checked={reliedOn.includes(actionId)}
                onChange={(e) => setReliedOn(e.target.checked ? [...reliedOn, actionId] : reliedOn.filter((x) => x !== actionId))}
              />{' '}
              <Link to={`/actions/${actionId}`}>action #{actionId}</Link>
            </label>
          ))}
          {form.errors.fields.action_ids && <p className="field-error">{form.errors.fields.action_ids}</p>}
        </fieldset>
      )}
      <button type="submit" className="primary" disabled={form.busy}>
        Record the assessment
      </button>
    </form>
  );
}

function Treatment({ risk, onSaved }: { risk: Risk; onSaved: (risk: Risk) => void }) {
  const form = useForm({
    treatment_strategy: risk.treatment_strategy === 'accept' ? 'mitigate' : risk.treatment_strategy,
    treatment_plan: risk.treatment_plan ?? '',
    treatment_due_date: risk.treatment_due_date ?? '',
  });
  const [saved, setSaved] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const v = form.values;
    const updated = await form.submit(() =>
      api.PATCH('/api/v1/risks/{id}', {
        params: { path: { id: risk.id } },
        body: {
          version: risk.version,
          treatment_strategy: v.treatment_strategy as Risk['treatment_strategy'],
          treatment_plan: given(v.treatment_plan) ?? null,
          treatment_due_date: given(v.treatment_due_date) ?? null,
        },
      }),
    );
    if (updated) {
      setSaved(true);
      onSaved(updated);
    }
  }
  return (
    <section className="card" aria-labelledby="treatment-title">
      <h2 id="treatment-title">Treatment</h2>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorSummary message={form.errors.summary} />
        {form.control('treatment_strategy', 'Strategy', {
          choices: strategies,
          hint: risk.treatment_strategy === 'accept' ? 'Saving another strategy withdraws the acceptance.' : 'Acceptance is an approver’s decision (below).',
        })}
        {form.control('treatment_plan', 'Plan', { kind: 'textarea' })}
        {form.control('treatment_due_date', 'Due', { kind: 'date' })}
        <div className="actions">
          <button type="submit" disabled={form.busy}>
            Save the treatment
          </button>
          {saved && <span role="status">Saved.</span>}
        </div>
      </form>
    </section>
  );
}

function Acceptance({ risk, onAccepted }: { risk: Risk; onAccepted: (risk: Risk) => void }) {
  const form = useForm({ justification: '', expires_on: '' });
  async function submit(event: FormEvent) {
    event.preventDefault();
    await form.submitAndReset(
      () =>
        api.POST('/api/v1/risks/{id}/acceptance', {
          params: { path: { id: risk.id } },
          body: { justification: form.values.justification, expires_on: form.values.expires_on },
        }),
      onAccepted,
    );
  }
  return (
    <section className="card" aria-labelledby="acceptance-title">
      <h2 id="acceptance-title">Accept this risk</h2>
      <p className="muted">
        As its approver (never its owner): the risk is retained without further treatment until the expiry date, then it is due for review
        again.
      </p>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorSummary message={form.errors.summary} />
        {form.control('justification', 'Reason', { kind: 'textarea' })}
        {form.control('expires_on', 'Accepted until', { kind: 'date' })}
        <button type="submit" disabled={form.busy}>
          Accept the risk
        </button>
      </form>
    </section>
  );
}
