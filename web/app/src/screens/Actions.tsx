// The actions (CAPA) register with "my actions" (filters, search, sort and page in the URL), the
// verification queue (completed actions, verified by someone other than their completer), an
// action's page with the moves the API allows and its effectiveness review, and the actions of a
// source record with the form that raises one.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors } from '../lib/fieldErrors';
import type { ListSpec } from '../lib/listState';
import { ListBody, SearchFilter, SelectFilter, useListScreen } from '../lib/useApiList';
import { Badge, ErrorSummary, Loading, humanise } from '../ui';
import { given, givenNumber, useForm } from './formKit';
import { CsvDownload } from './CsvDownload';
import { FlagFilter, LinkedFilter } from './listFilters';
import { usePeople } from './people';
import { actionMoveLabel, verificationRefusal } from './riskLogic';

type Action = Schemas['Action'];
const statuses = ['open', 'in_progress', 'completed', 'verified', 'cancelled'] as const;
const types = ['corrective', 'preventive', 'improvement'] as const;
const priorities = ['critical', 'high', 'medium', 'low'] as const;
const sources = ['finding', 'risk', 'incident', 'complaint', 'collision', 'policy'] as const;
const sortable = ['reference_number', 'title', 'priority', 'status', 'due_date', 'completed_at', 'created_at'];

const spec: ListSpec = {
  filters: ['mine', 'status', 'action_type', 'priority', 'source_kind', 'overdue', 'finding_id', 'risk_id', 'q'],
  sorts: sortable,
  defaultSort: '-created_at',
  defaultPageSize: 20,
};

// Where an action comes from, as a link where the source has a screen.
export function SourceLink({ action }: { action: Action }) {
  if (action.finding_id !== null) return <Link to={`/findings/${action.finding_id}`}>Finding #{action.finding_id}</Link>;
  if (action.risk_id !== null) return <Link to={`/risks/${action.risk_id}`}>Risk #{action.risk_id}</Link>;
  const id = action.incident_id ?? action.complaint_id ?? action.collision_id ?? action.policy_id;
  return (
    <>
      {humanise(action.source_kind)} #{id}
    </>
  );
}

function ActionsNav() {
  const { can } = useMe();
  return (
    <nav className="actions" aria-label="Action views">
      <Link to="/actions?mine=true">My actions</Link>
      <Link to="/actions">All actions</Link>
      {can('actions:verify') && <Link to="/actions/verification">Verification queue</Link>}
    </nav>
  );
}

export function ActionsList() {
  const { name } = usePeople();
  const screen = useListScreen(spec, (query) => api.GET('/api/v1/actions', { params: { query: query as never } }), 'actions');
  const { state, go, list } = screen;
  const mine = state.filters.mine === 'true';
  return (
    <main className="wide">
      <div className="title-row">
        <h1>{mine ? 'My actions' : 'Actions'}</h1>
        <ActionsNav />
        <CsvDownload load={() => api.GET('/api/v1/actions/export.csv', { parseAs: 'blob' })} fallbackName="actions.csv" />
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <FlagFilter label="Only mine" name="mine" state={state} go={go} />
        <SelectFilter label="Status" name="status" values={statuses} state={state} go={go} />
        <SelectFilter label="Source" name="source_kind" values={sources} state={state} go={go} />
        <SelectFilter label="Type" name="action_type" values={types} state={state} go={go} />
        <SelectFilter label="Priority" name="priority" values={priorities} state={state} go={go} />
        <FlagFilter label="Overdue" name="overdue" state={state} go={go} />
        <SearchFilter placeholder="Reference, title, description" state={state} go={go} />
        <LinkedFilter names={['finding_id']} label={`Only finding #${state.filters.finding_id}`} state={state} go={go} />
        <LinkedFilter names={['risk_id']} label={`Only risk #${state.filters.risk_id}`} state={state} go={go} />
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: mine ? 'No action of yours matches' : 'No action matches these filters', text: 'Clear a filter to see more.' }}
        none={{
          title: 'No actions yet',
          text: (
            <>
              Actions are raised from a source record: a <Link to="/findings">finding</Link> or a <Link to="/risks">risk</Link>.
            </>
          ),
        }}
        columns={[
          { field: 'reference_number', label: 'Reference' },
          { field: 'title', label: 'Title' },
          { field: 'priority', label: 'Priority' },
          { field: 'status', label: 'Status' },
          { label: 'Source' },
          { label: 'Owner' },
          { field: 'due_date', label: 'Due' },
        ]}
        rows={list?.items.map((a) => (
          <tr key={a.id}>
            <td>
              <Link to={`/actions/${a.id}`}>{a.reference_number}</Link>
            </td>
            <td>{a.title}</td>
            <td>{humanise(a.priority)}</td>
            <td>
              <Badge value={a.status} />
            </td>
            <td>
              <SourceLink action={a} />
            </td>
            <td>{name(a.owner_id)}</td>
            <td>
              {a.due_date ?? '—'} {a.overdue && <Badge value="overdue" />}
            </td>
          </tr>
        ))}
      />
    </main>
  );
}

const queueSpec: ListSpec = { filters: ['q'], sorts: sortable, defaultSort: 'completed_at', defaultPageSize: 20 };

export function VerificationQueue() {
  const { me, can } = useMe();
  const { name } = usePeople();
  const screen = useListScreen(
    queueSpec,
    (query) => api.GET('/api/v1/actions', { params: { query: { ...query, status: 'completed' } as never } }),
    'verification queue',
  );
  const { state, go, list } = screen;
  const [verified, setVerified] = useState<Record<number, true>>({});
  const [message, setMessage] = useState({ text: '', refused: false });
  async function verify(action: Action) {
    setMessage({ text: '', refused: false });
    const { data, error, response } = await api.POST('/api/v1/actions/{id}/transitions', {
      params: { path: { id: action.id } },
      body: { to: 'verified', note: null },
    });
    if (data) {
      setVerified((current) => ({ ...current, [action.id]: true }));
      setMessage({ text: `${action.reference_number} is verified.`, refused: false });
    } else {
      setMessage({ text: verificationRefusal(response.status, formErrors(error, []).summary, action.reference_number), refused: true });
    }
  }
  return (
    <main className="wide">
      <div className="title-row">
        <h1>Verification queue</h1>
        <ActionsNav />
      </div>
      <p className="muted">Completed actions wait here until someone other than the person who completed them verifies them.</p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchFilter placeholder="Reference, title, description" state={state} go={go} />
      </form>
      {message.refused ? (
        <ErrorSummary message={message.text} />
      ) : (
        message.text && (
          <p className="notice" role="status">
            {message.text}
          </p>
        )
      )}
      <ListBody
        screen={screen}
        noMatch={{ title: 'Nothing matches', text: 'Clear the search to see the whole queue.' }}
        none={{ title: 'Nothing waits for verification', text: 'Completed actions appear here.' }}
        columns={[
          { field: 'reference_number', label: 'Reference' },
          { field: 'title', label: 'Title' },
          { label: 'Source' },
          { label: 'Completed by' },
          { field: 'completed_at', label: 'Completed' },
          { label: 'Verify' },
        ]}
        rows={list?.items.map((a) => (
          <tr key={a.id}>
            <td>
              <Link to={`/actions/${a.id}`}>{a.reference_number}</Link>
            </td>
            <td>
              {a.title}
              {a.effectiveness_required && a.is_effective !== true && <span className="block muted">Needs an effective review first</span>}
            </td>
            <td>
              <SourceLink action={a} />
            </td>
            <td>{name(a.completed_by_id)}</td>
            <td>{a.completed_at?.slice(0, 10) ?? '—'}</td>
            <td>
              {verified[a.id] ? (
                'Verified'
              ) : can('actions:verify') ? (
                <button type="button" onClick={() => void verify(a)} aria-label={`Verify ${a.reference_number}`}>
                  Verify{a.completed_by_id === me?.id ? ' (you completed it)' : ''}
                </button>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      />
    </main>
  );
}

export function ActionDetail() {
  const id = Number(useParams().id);
  const { me, can } = useMe();
  const { name } = usePeople();
  const [action, setAction] = useState<Action | null>(null);
  const [failure, setFailure] = useState('');
  const form = useForm({ note: '' });
  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/actions/{id}', { params: { path: { id } } });
    if (data) setAction(data);
    else setFailure(formErrors(error, []).summary);
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!action) return <main>{failure ? <ErrorSummary message={failure} /> : <Loading />}</main>;

  async function move(to: Action['allowed_transitions'][number]) {
    await form.submitAndReset(
      () => api.POST('/api/v1/actions/{id}/transitions', { params: { path: { id } }, body: { to, note: given(form.values.note) ?? null } }),
      setAction,
    );
  }
  const ownCompletion = action.status === 'completed' && action.completed_by_id === me?.id && can('actions:verify');
  return (
    <main>
      <p className="crumbs">
        <Link to="/actions">Actions</Link> › {action.reference_number}
      </p>
      <h1>{action.title}</h1>
      <p>
        <Badge value={action.status} /> <Badge value={action.action_type} /> <Badge value={action.priority} />
        {action.overdue && <Badge value="overdue" />}
      </p>
      <dl className="facts">
        <dt>Source</dt>
        <dd>
          <SourceLink action={action} />
        </dd>
        <dt>Description</dt>
        <dd>{action.description}</dd>
        <dt>Owner</dt>
        <dd>{name(action.owner_id)}</dd>
        <dt>Due</dt>
        <dd>{action.due_date ?? '—'}</dd>
        {action.completed_at && (
          <>
            <dt>Completed</dt>
            <dd>
              {action.completed_at.slice(0, 10)} by {name(action.completed_by_id)}: {action.completion_notes}
            </dd>
          </>
        )}
        {action.verified_at && (
          <>
            <dt>Verified</dt>
            <dd>
              {action.verified_at.slice(0, 10)} by {name(action.verified_by_id)}
              {action.verification_notes && `: ${action.verification_notes}`}
            </dd>
          </>
        )}
        {action.is_effective !== null && (
          <>
            <dt>Effectiveness</dt>
            <dd>
              {action.is_effective ? 'Effective' : 'Not effective'} ({name(action.effectiveness_reviewed_by_id)}): {action.effectiveness_notes}
            </dd>
          </>
        )}
        {action.cancellation_reason && (
          <>
            <dt>Cancelled</dt>
            <dd>{action.cancellation_reason}</dd>
          </>
        )}
      </dl>
      {ownCompletion && (
        <p className="notice" role="status">
          You completed this action: someone else verifies it.
        </p>
      )}
      {action.allowed_transitions.length > 0 && (
        <section className="card" aria-labelledby="action-move-title">
          <h2 id="action-move-title">Move this action</h2>
          <ErrorSummary message={form.errors.summary} />
          {form.control('note', 'Note', {
            kind: 'textarea',
            hint: 'Completing needs what was done; cancelling needs a reason; reopening needs why.',
          })}
          <div className="actions">
            {action.allowed_transitions.map((to) => (
              <button key={to} type="button" className={to === 'verified' ? 'primary' : ''} disabled={form.busy} onClick={() => void move(to)}>
                {actionMoveLabel(action.status, to)}
              </button>
            ))}
          </div>
        </section>
      )}
      {action.status === 'completed' && can('actions:verify') && <EffectivenessReview action={action} onReviewed={setAction} />}
      {can('actions:write') && (action.status === 'open' || action.status === 'in_progress') && (
        <PlanAction key={action.version} action={action} onSaved={setAction} />
      )}
    </main>
  );
}

// Who carries it out, by when, how urgent: the plan of an action not yet done (PATCH with the
// version read, so a concurrent change is refused rather than overwritten).
function PlanAction({ action, onSaved }: { action: Action; onSaved: (action: Action) => void }) {
  const { owners, name } = usePeople();
  // An owner the choices do not list (the user list is not readable to everyone) stays chosen.
  const current = action.owner_id === null ? '' : String(action.owner_id);
  const choices = owners.some((o) => typeof o !== 'string' && o.value === current) ? owners : [...owners, { value: current, label: name(action.owner_id) }];
  const form = useForm({
    owner_id: current,
    due_date: action.due_date ?? '',
    priority: action.priority,
    effectiveness_review_date: action.effectiveness_review_date ?? '',
  });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const v = form.values;
    const saved = await form.submit(() =>
      api.PATCH('/api/v1/actions/{id}', {
        params: { path: { id: action.id } },
        body: {
          version: action.version,
          owner_id: givenNumber(v.owner_id) ?? null,
          due_date: given(v.due_date) ?? null,
          priority: v.priority as Action['priority'],
          effectiveness_review_date: given(v.effectiveness_review_date) ?? null,
        },
      }),
    );
    if (saved) onSaved(saved);
  }
  return (
    <section className="card" aria-labelledby="plan-title">
      <h2 id="plan-title">Plan</h2>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorSummary message={form.errors.summary} />
        {form.control('owner_id', 'Action owner', { choices })}
        {form.control('due_date', 'Due date', { kind: 'date' })}
        {form.control('priority', 'Priority', { choices: priorities })}
        {form.control('effectiveness_review_date', 'Effectiveness review on', { kind: 'date' })}
        <button type="submit" disabled={form.busy}>
          Save the plan
        </button>
      </form>
    </section>
  );
}

function EffectivenessReview({ action, onReviewed }: { action: Action; onReviewed: (action: Action) => void }) {
  const form = useForm({ is_effective: 'true', effectiveness_notes: '' });
  async function submit(event: FormEvent) {
    event.preventDefault();
    const reviewed = await form.submit(() =>
      api.POST('/api/v1/actions/{id}/effectiveness-review', {
        params: { path: { id: action.id } },
        body: { is_effective: form.values.is_effective === 'true', effectiveness_notes: form.values.effectiveness_notes },
      }),
    );
    if (reviewed) onReviewed(reviewed);
  }
  return (
    <section className="card" aria-labelledby="effectiveness-title">
      <h2 id="effectiveness-title">Effectiveness review</h2>
      <p className="muted">
        {action.effectiveness_required
          ? 'Required: a corrective action of a major nonconformity is verified only after a review found it effective.'
          : 'Did the action work? An ineffective one is reopened, not verified.'}
        {action.effectiveness_review_date && ` Due ${action.effectiveness_review_date}.`}
      </p>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorSummary message={form.errors.summary} />
        {form.control('is_effective', 'Verdict', {
          choices: [
            { value: 'true', label: 'Effective' },
            { value: 'false', label: 'Not effective' },
          ],
        })}
        {form.control('effectiveness_notes', 'Evidence', { kind: 'textarea' })}
        <button type="submit" disabled={form.busy}>
          Record the review
        </button>
      </form>
    </section>
  );
}

// The actions of one source record (a risk's treatment plan, a finding's actions) and, for those
// who may write actions, the form that raises one from it.
export function ActionsOf(props: { source: { risk_id: number } | { finding_id: number }; raising: boolean; onRaised?: () => void }) {
  const { source, raising } = props;
  const { can } = useMe();
  const { owners, name } = usePeople();
  const [actions, setActions] = useState<Action[] | null>(null);
  const [open, setOpen] = useState(false);
  const key = JSON.stringify(source);
  const load = useCallback(async () => {
    const { data } = await api.GET('/api/v1/actions', { params: { query: { ...JSON.parse(key), page_size: 100 } as never } });
    setActions(data?.items ?? []);
  }, [key]);
  useEffect(() => {
    void load();
  }, [load]);
  const form = useForm({
    title: '',
    description: '',
    action_type: 'corrective',
    priority: 'medium',
    owner_id: '',
    due_date: '',
    effectiveness_review_date: '',
  });
  async function raise(event: FormEvent) {
    event.preventDefault();
    const v = form.values;
    await form.submitAndReset(
      () =>
        api.POST('/api/v1/actions', {
          body: {
            ...source,
            title: v.title,
            description: v.description,
            action_type: v.action_type as Action['action_type'],
            priority: v.priority as Action['priority'],
            owner_id: givenNumber(v.owner_id) ?? null,
            due_date: given(v.due_date) ?? null,
            effectiveness_review_date: given(v.effectiveness_review_date) ?? null,
          },
        }),
      () => {
        setOpen(false);
        void load();
        props.onRaised?.();
      },
    );
  }
  const filter = 'risk_id' in source ? `risk_id=${source.risk_id}` : `finding_id=${source.finding_id}`;
  return (
    <section className="card" aria-labelledby="source-actions-title">
      <h2 id="source-actions-title">{'risk_id' in source ? 'Treatment plan: actions' : 'Actions'}</h2>
      {actions === null ? (
        <Loading />
      ) : actions.length === 0 ? (
        <p>No action has been raised from it yet.</p>
      ) : (
        <ul className="plain">
          {actions.map((a) => (
            <li key={a.id}>
              <Link to={`/actions/${a.id}`}>{a.reference_number}</Link> {a.title} <Badge value={a.status} />{' '}
              <span className="muted">
                {name(a.owner_id)}
                {a.due_date && `, due ${a.due_date}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {actions !== null && actions.length > 0 && <Link to={`/actions?${filter}`}>Open them in the register</Link>}
      {raising && can('actions:write') &&
        (open ? (
          <form onSubmit={raise} noValidate className="stack" aria-labelledby="raise-title">
            <h3 id="raise-title">Raise an action</h3>
            <ErrorSummary message={form.errors.summary} />
            {form.control('title', 'Action title')}
            {form.control('description', 'What is to be done', { kind: 'textarea' })}
            {form.control('action_type', 'Type', { choices: types })}
            {form.control('priority', 'Priority', { choices: priorities })}
            {form.control('owner_id', 'Action owner', { choices: owners })}
            {form.control('due_date', 'Due date', { kind: 'date' })}
            {form.control('effectiveness_review_date', 'Effectiveness review on', { kind: 'date', hint: 'When to check that it worked' })}
            <div className="actions">
              <button type="submit" className="primary" disabled={form.busy}>
                Raise the action
              </button>
              <button type="button" onClick={() => setOpen(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <p>
            <button type="button" onClick={() => setOpen(true)}>
              Raise an action
            </button>
          </p>
        ))}
    </section>
  );
}
