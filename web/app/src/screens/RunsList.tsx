import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { apiQuery, toggleSort, withFilter, type ListSpec } from '../lib/listState';
import { useListState } from '../lib/useListState';
import { Badge, Empty, ErrorSummary, Loading, Pager, SortHeader } from '../ui';

const spec: ListSpec = {
  filters: ['status', 'q', 'overdue'],
  sorts: ['reference_number', 'title', 'status', 'scheduled_date', 'due_date', 'score_percentage', 'created_at'],
  defaultSort: '-created_at',
  defaultPageSize: 20,
};
const statuses = ['scheduled', 'in_progress', 'pending_review', 'completed', 'cancelled'] as const;

export function RunsList() {
  const { can } = useMe();
  const { state, href, go } = useListState(spec);
  const [list, setList] = useState<Schemas['AuditRunList'] | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    setError('');
    void api
      .GET('/api/v1/audits/runs', { params: { query: apiQuery(state) as never } })
      .then(({ data, error: failure }) => {
        if (!live) return;
        if (data) setList(data);
        else setError(failure?.message ?? 'The runs could not be loaded.');
      });
    return () => {
      live = false;
    };
  }, [state]);

  const filtered = Object.keys(state.filters).length > 0;
  return (
    <main>
      <div className="title-row">
        <h1>Audit runs</h1>
        {can('audits:write') && (
          <Link className="button primary" to="/audits/runs/new">
            Schedule a run
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={state.filters.status ?? ''} onChange={(e) => go(withFilter(state, 'status', e.target.value))}>
            <option value="">Any</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {status.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label>
          Search
          <input
            type="search"
            defaultValue={state.filters.q ?? ''}
            placeholder="Reference, title, location"
            onKeyDown={(e) => {
              if (e.key === 'Enter') go(withFilter(state, 'q', e.currentTarget.value.trim()));
            }}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={state.filters.overdue === 'true'}
            onChange={(e) => go(withFilter(state, 'overdue', e.target.checked ? 'true' : ''))}
          />
          Overdue only
        </label>
      </form>
      <ErrorSummary message={error} />
      {!list ? (
        !error && <Loading />
      ) : list.items.length === 0 ? (
        filtered ? (
          <Empty title="No run matches these filters">Clear a filter or search for something else.</Empty>
        ) : (
          <Empty title="No audit runs yet">
            {can('audits:write')
              ? 'Schedule the first one from a published template with “Schedule a run”.'
              : 'Runs appear here once a quality manager schedules them.'}
          </Empty>
        )
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <SortHeader field="reference_number" label="Reference" state={state} onSort={(f) => go(toggleSort(state, f))} />
                  <SortHeader field="title" label="Title" state={state} onSort={(f) => go(toggleSort(state, f))} />
                  <SortHeader field="status" label="Status" state={state} onSort={(f) => go(toggleSort(state, f))} />
                  <SortHeader field="due_date" label="Due" state={state} onSort={(f) => go(toggleSort(state, f))} />
                  <SortHeader field="score_percentage" label="Score" state={state} onSort={(f) => go(toggleSort(state, f))} />
                </tr>
              </thead>
              <tbody>
                {list.items.map((run) => (
                  <tr key={run.id}>
                    <td>
                      <Link to={`/audits/runs/${run.id}`}>{run.reference_number}</Link>
                    </td>
                    <td>
                      {run.title}
                      <small className="muted block">{run.template_name}</small>
                    </td>
                    <td>
                      <Badge value={run.status} />
                      {run.is_overdue && <Badge value="overdue" />}
                    </td>
                    <td>{run.due_date ?? '—'}</td>
                    <td>{run.score_percentage === null ? '—' : `${run.score_percentage} %`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={list.page} pages={list.pages} total={list.total} toPage={(page) => href({ ...state, page })} />
        </>
      )}
    </main>
  );
}
