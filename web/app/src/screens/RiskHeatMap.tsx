// The heat map: open risks counted in each cell of the 5x5 matrix, by their current (residual) or
// inherent rating, filtered through the URL. Levels and colours are the current matrix version's
// as the API sends them; each count is text in a table with row and column headers, and links to
// the register filtered to that cell.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, type Schemas } from '../api/client';
import { formErrors } from '../lib/fieldErrors';
import { withFilter, type ListSpec } from '../lib/listState';
import { useListState } from '../lib/useListState';
import { SelectFilter } from '../lib/useApiList';
import { ErrorSummary, Loading, humanise } from '../ui';
import { ChoiceFilter, TextFilter } from './listFilters';
import { usePeople } from './people';
import { cellHref, heatRows, inkOn, type HeatCell } from './riskLogic';
import { riskCategories } from './Risks';

const spec: ListSpec = {
  filters: ['basis', 'department', 'category', 'owner_id'],
  sorts: [],
  defaultSort: '',
  defaultPageSize: 20,
};

// The levels in the map, least severe first, each with its colour.
function legendOf(cells: readonly HeatCell[]) {
  const legend = new Map<string, { color: string; score: number }>();
  for (const cell of cells) {
    const seen = legend.get(cell.level);
    if (!seen || cell.score < seen.score) legend.set(cell.level, { color: cell.color, score: cell.score });
  }
  return [...legend.entries()].sort((a, b) => a[1].score - b[1].score).map(([level, { color }]) => ({ level, color }));
}

export function RiskHeatMap() {
  const { state, go } = useListState(spec);
  const { owners } = usePeople();
  const [map, setMap] = useState<Schemas['RiskMatrix'] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    setError('');
    void api.GET('/api/v1/risks/matrix', { params: { query: state.filters as never } }).then(({ data, error: failure }) => {
      if (!live) return;
      if (data) setMap(data);
      else setError(formErrors(failure, []).summary);
    });
    return () => {
      live = false;
    };
  }, [state]);
  const basis = state.filters.basis ?? 'residual';
  const grid = map ? heatRows(map.cells) : null;
  return (
    <main className="wide">
      <p className="crumbs">
        <Link to="/risks">Risks</Link> › Heat map
      </p>
      <h1>Risk heat map</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Heat map filters">
        <label>
          Rating
          <select value={basis} onChange={(e) => go(withFilter(state, 'basis', e.target.value === 'residual' ? '' : e.target.value))}>
            <option value="residual">Current (residual)</option>
            <option value="inherent">Inherent (before controls)</option>
          </select>
        </label>
        <TextFilter label="Department" name="department" state={state} go={go} />
        <SelectFilter label="Category" name="category" values={riskCategories} state={state} go={go} />
        <ChoiceFilter label="Owner" name="owner_id" choices={owners.filter((o) => typeof o !== 'string' && o.value !== '')} state={state} go={go} />
      </form>
      <ErrorSummary message={error} />
      {!map || !grid ? (
        !error && <Loading />
      ) : (
        <>
          <p>
            {map.total_risks} open {map.total_risks === 1 ? 'risk' : 'risks'} by {basis === 'inherent' ? 'inherent' : 'current (residual)'} rating.
            {map.total_risks === 0 && ' Identify risks in the register to see them here.'}
          </p>
          <div className="table-wrap">
            <table className="heat-map">
              <caption>Open risks by likelihood (rows) and impact (columns); each count links to those risks.</caption>
              <thead>
                <tr>
                  <td />
                  {grid.impacts.map((impact) => (
                    <th key={impact} scope="col">
                      Impact {impact}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {grid.rows.map((row) => (
                  <tr key={row.likelihood}>
                    <th scope="row">Likelihood {row.likelihood}</th>
                    {row.cells.map((cell) => (
                      <td key={cell.impact} className="heat-cell" style={{ background: cell.color, color: inkOn(cell.color) }}>
                        <Link to={cellHref(cell, basis, state.filters)} style={{ color: 'inherit' }}>
                          <span className="sr-only">
                            Likelihood {cell.likelihood}, impact {cell.impact}:{' '}
                          </span>
                          <strong>{cell.risk_count}</strong>
                          <span className="sr-only"> {cell.risk_count === 1 ? 'risk' : 'risks'}, </span>
                          <small>{humanise(cell.level)}</small>
                        </Link>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ul className="legend" aria-label="Levels">
            {legendOf(map.cells).map(({ level, color }) => (
              <li key={level}>
                <span className="swatch" style={{ background: color }} aria-hidden="true" /> {humanise(level)}:{' '}
                {map.risks_by_level[level as keyof typeof map.risks_by_level] ?? 0}
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
