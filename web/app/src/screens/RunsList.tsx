import { Link } from 'react-router';
import { api } from '../api/client';
import { useMe } from '../auth/me';
import { withFilter, type ListSpec } from '../lib/listState';
import { ListBody, SearchFilter, SelectFilter, useListScreen } from '../lib/useApiList';
import { Badge } from '../ui';

const spec: ListSpec = {
  filters: ['status', 'q', 'overdue'],
  sorts: ['reference_number', 'title', 'status', 'scheduled_date', 'due_date', 'score_percentage', 'created_at'],
  defaultSort: '-created_at',
  defaultPageSize: 20,
};
const statuses = ['scheduled', 'in_progress', 'pending_review', 'completed', 'cancelled'] as const;

export function RunsList() {
  const { can } = useMe();
  const screen = useListScreen(
    spec,
    (query) => api.GET('/api/v1/audits/runs', { params: { query: query as never } }),
    'runs',
  );
  const { state, go, list } = screen;

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
        <SelectFilter label="Status" name="status" values={statuses} state={state} go={go} />
        <SearchFilter placeholder="Reference, title, location" state={state} go={go} />
        <label className="check">
          <input
            type="checkbox"
            checked={state.filters.overdue === 'true'}
            onChange={(e) => go(withFilter(state, 'overdue', e.target.checked ? 'true' : ''))}
          />
          Overdue only
        </label>
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No run matches these filters', text: 'Clear a filter or search for something else.' }}
        none={{ title: 'No audit runs yet', text: can('audits:write') ? 'Schedule the first one from a published template with “Schedule a run”.' : 'Runs appear here once a quality manager schedules them.' }}
        columns={[
          { field: 'reference_number', label: 'Reference' },
          { field: 'title', label: 'Title' },
          { field: 'status', label: 'Status' },
          { field: 'due_date', label: 'Due' },
          { field: 'score_percentage', label: 'Score' },
        ]}
        rows={list?.items.map((run) => (
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
      />
    </main>
  );
}
