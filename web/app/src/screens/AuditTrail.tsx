// The audit trail (GET /api/v1/audit-log, audit:read; docs/adr/0003): every change of every
// module, filtered by who, the kind of record, the action and a date range through the URL; each
// row names its record (a link to its screen where it has one) and what changed. RecordHistory is
// the trail of one record (GET .../{id}/history), a panel of the detail screens.
import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { withFilter, type ListSpec, type ListState } from '../lib/listState';
import { ListBody, SelectFilter, useListScreen } from '../lib/useApiList';
import { Badge, ErrorSummary, Loading } from '../ui';
import {
  actions,
  afterOf,
  beforeOf,
  changeRows,
  dayOfAfter,
  dayOfBefore,
  recordKindLabel,
  recordKinds,
  recordPath,
  showInstant,
  type AuditEntry,
} from './trail';

const spec: ListSpec = {
  filters: ['actor_user_id', 'entity_type', 'entity_id', 'action', 'occurred_after', 'occurred_before', 'request_id'],
  sorts: ['occurred_at', 'id'],
  defaultSort: '-occurred_at',
  defaultPageSize: 25,
};

// What changed in one entry: each field with its value before and after, and the note.
export function Changes({ entry }: { entry: AuditEntry }) {
  const rows = changeRows(entry.changes);
  return (
    <>
      {rows.length > 0 && (
        <ul className="changes">
          {rows.map((row) => (
            <li key={row.field}>
              <span className="change-field">{row.field}</span>: <del>{row.before}</del> → <ins>{row.after}</ins>
            </li>
          ))}
        </ul>
      )}
      {entry.note && <p className="change-note">“{entry.note}”</p>}
    </>
  );
}

function Who({ entry }: { entry: AuditEntry }) {
  return <>{entry.actor_email ?? (entry.actor_user_id === null ? 'System' : `User ${entry.actor_user_id}`)}</>;
}

function WhoFilter({ state, go }: { state: ListState; go: (next: ListState) => void }) {
  const { can } = useMe();
  const [users, setUsers] = useState<Schemas['User'][]>([]);
  const mayList = can('users:read');
  useEffect(() => {
    if (!mayList) return;
    void api
      .GET('/api/v1/users', { params: { query: { page_size: 100, sort: 'email' } as never } })
      .then(({ data }) => setUsers(data?.items ?? []));
  }, [mayList]);
  const current = state.filters.actor_user_id ?? '';
  if (!mayList && !current) return null;
  return (
    <label>
      Who
      <select value={current} onChange={(e) => go(withFilter(state, 'actor_user_id', e.target.value))}>
        <option value="">Anyone</option>
        {current && !users.some((u) => String(u.id) === current) && <option value={current}>User {current}</option>}
        {users.map((u) => (
          <option key={u.id} value={u.id}>
            {u.email}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AuditTrail() {
  const screen = useListScreen(
    spec,
    (query) => api.GET('/api/v1/audit-log', { params: { query: query as never } }),
    'audit trail',
  );
  const { state, go, list } = screen;
  const f = state.filters;
  const ids = useId();
  return (
    <main className="wide">
      <h1>Audit trail</h1>
      <p className="muted">Every change to every record, who made it and when. Entries cannot be edited or removed.</p>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <WhoFilter state={state} go={go} />
        {/* Labelled by its id, not by wrapping: the kinds' names (one is "Action") stay out of its label. */}
        <span className="filter">
          <label htmlFor={`${ids}-kind`}>Record kind</label>
          <select id={`${ids}-kind`} value={f.entity_type ?? ''} onChange={(e) => go(withFilter(withFilter(state, 'entity_id', ''), 'entity_type', e.target.value))}>
            <option value="">Any</option>
            {recordKinds.map((kind) => (
              <option key={kind} value={kind}>
                {recordKindLabel(kind)}
              </option>
            ))}
          </select>
        </span>
        <SelectFilter label="Action" name="action" values={actions} state={state} go={go} />
        <label>
          From
          <input type="date" value={dayOfAfter(f.occurred_after)} onChange={(e) => go(withFilter(state, 'occurred_after', afterOf(e.target.value)))} />
        </label>
        <label>
          To
          <input type="date" value={dayOfBefore(f.occurred_before)} onChange={(e) => go(withFilter(state, 'occurred_before', beforeOf(e.target.value)))} />
        </label>
        {f.entity_id && (
          <button type="button" onClick={() => go(withFilter(state, 'entity_id', ''))}>
            Only {recordKindLabel(f.entity_type ?? 'record').toLowerCase()} {f.entity_id} ✕
          </button>
        )}
        {f.request_id && (
          <button type="button" onClick={() => go(withFilter(state, 'request_id', ''))}>
            Only request {f.request_id.slice(0, 8)} ✕
          </button>
        )}
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No entry matches these filters', text: 'Clear a filter or widen the dates.' }}
        none={{ title: 'The trail is empty', text: 'Entries appear here as soon as anyone changes a record.' }}
        columns={[{ field: 'occurred_at', label: 'When' }, { label: 'Who' }, { label: 'Action' }, { label: 'Record' }, { label: 'What changed' }]}
        rows={list?.items.map((entry) => {
          const path = recordPath(entry.entity_type, entry.entity_id);
          return (
            <tr key={entry.id}>
              <td className="nowrap">{showInstant(entry.occurred_at)}</td>
              <td>
                {entry.actor_user_id !== null && String(entry.actor_user_id) !== f.actor_user_id ? (
                  <Link to={screen.href(withFilter(state, 'actor_user_id', String(entry.actor_user_id)))} title="Only this person's changes">
                    <Who entry={entry} />
                  </Link>
                ) : (
                  <Who entry={entry} />
                )}
              </td>
              <td>
                <Badge value={entry.action} />
              </td>
              <td>
                {recordKindLabel(entry.entity_type)}{' '}
                {entry.entity_id !== null && (path ? <Link to={path}>{entry.entity_id}</Link> : entry.entity_id)}
                {entry.entity_id !== null && String(entry.entity_id) !== f.entity_id && (
                  <Link
                    className="block small"
                    to={screen.href(withFilter(withFilter(state, 'entity_type', entry.entity_type), 'entity_id', String(entry.entity_id)))}
                  >
                    Its history
                  </Link>
                )}
              </td>
              <td>
                <Changes entry={entry} />
              </td>
            </tr>
          );
        })}
      />
    </main>
  );
}

type HistoryLoad = (query: { page: number; page_size: number; sort: string }) => Promise<{
  data?: Schemas['AuditEntryList'];
  error?: { message?: string };
}>;

// The history of one record, newest first, ten at a time: who changed what, when. `refresh`
// changes when the record does (its version), so the panel follows the screen's own edits.
// `record` names it in the audit trail, linked for holders of audit:read.
export function RecordHistory(props: { load: HistoryLoad; refresh?: unknown; title?: string; record?: { type: string; id: number } }) {
  const { can } = useMe();
  const [page, setPage] = useState(1);
  const [list, setList] = useState<Schemas['AuditEntryList'] | null>(null);
  const [error, setError] = useState('');
  const { load, refresh } = props;
  useEffect(() => {
    let live = true;
    void load({ page, page_size: 10, sort: '-occurred_at' }).then(({ data, error: failure }) => {
      if (!live) return;
      if (data) {
        setList(data);
        setError('');
      } else setError(failure?.message ?? 'The history could not be loaded.');
    });
    return () => {
      live = false;
    };
    // The loader is a new closure on every render; the page and the record's version decide.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [page, refresh]);
  const title = props.title ?? 'History';
  return (
    <section className="card history" aria-labelledby="history-title">
      <div className="title-row">
        <h2 id="history-title">{title}</h2>
        {props.record && can('audit:read') && (
          <Link to={`/audit-trail?entity_type=${props.record.type}&entity_id=${props.record.id}`}>In the audit trail</Link>
        )}
      </div>
      <ErrorSummary message={error} />
      {!list ? (
        !error && <Loading />
      ) : list.items.length === 0 ? (
        <p className="muted">No change recorded yet.</p>
      ) : (
        <>
          <ol className="timeline">
            {list.items.map((entry) => (
              <li key={entry.id}>
                <p>
                  <Badge value={entry.action} /> <strong><Who entry={entry} /></strong>{' '}
                  <span className="muted">{showInstant(entry.occurred_at)}</span>
                </p>
                <Changes entry={entry} />
              </li>
            ))}
          </ol>
          {list.pages > 1 && (
            <div className="actions">
              <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
                Newer
              </button>
              <span>
                Page {page} of {list.pages}
              </span>
              <button type="button" disabled={page >= list.pages} onClick={() => setPage(page + 1)}>
                Older
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
