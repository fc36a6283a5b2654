// What every list screen shares: loading a page of the API's list for the URL's state, and the
// filter controls that move to another state.
import { useEffect, useState, type ReactNode } from 'react';
import { Empty, ErrorSummary, Loading, Pager, SortHeader, humanise } from '../ui';
import { apiQuery, toggleSort, withFilter, type ListSpec, type ListState } from './listState';
import { useListState } from './useListState';

type Load<T> = (query: Record<string, string | number>) => Promise<{ data?: T; error?: { message?: string } }>;

export function useApiList<T>(state: ListState, load: Load<T>, what: string) {
  const [list, setList] = useState<T | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    setError('');
    void load(apiQuery(state)).then(({ data, error: failure }) => {
      if (!live) return;
      if (data) setList(data);
      else setError(failure?.message ?? `The ${what} could not be loaded.`);
    });
    return () => {
      live = false;
    };
    // The loader is a new closure on every render; the state is what decides the request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state, what]);
  return { list, error };
}

// A list screen's state from the URL, its page from the API, and the moves between states.
export function useListScreen<T>(spec: ListSpec, load: Load<T>, what: string) {
  const { state, href, go } = useListState(spec);
  const { list, error } = useApiList(state, load, what);
  const sort = (field: string) => go(toggleSort(state, field));
  return { state, href, go, sort, list, error };
}

interface FilterProps {
  state: ListState;
  go: (next: ListState) => void;
}

export function SelectFilter(props: FilterProps & { label: string; name: string; values: readonly string[] }) {
  const { state, go, name } = props;
  return (
    <label>
      {props.label}
      <select value={state.filters[name] ?? ''} onChange={(e) => go(withFilter(state, name, e.target.value))}>
        <option value="">Any</option>
        {props.values.map((value) => (
          <option key={value} value={value}>
            {humanise(value)}
          </option>
        ))}
      </select>
    </label>
  );
}

export function SearchFilter(props: FilterProps & { placeholder: string }) {
  const { state, go } = props;
  return (
    <label>
      Search
      <input
        type="search"
        defaultValue={state.filters.q ?? ''}
        placeholder={props.placeholder}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go(withFilter(state, 'q', e.currentTarget.value.trim()));
        }}
      />
    </label>
  );
}

interface Page {
  items: unknown[];
  page: number;
  pages: number;
  total: number;
  total_exact: boolean;
}

// A list's body: loading, its error, an empty state that says what to do (another one when
// filters hide everything), or the table (sortable columns where `field` is given) and its pager.
export function ListBody(props: {
  screen: { list: Page | null; error: string; state: ListState; href: (next: ListState) => string; sort: (field: string) => void };
  columns: { label: string; field?: string }[];
  noMatch: { title: string; text: ReactNode };
  none: { title: string; text: ReactNode };
  rows: ReactNode;
}) {
  const { list, state, error } = props.screen;
  const empty = Object.keys(state.filters).length > 0 ? props.noMatch : props.none;
  return (
    <>
      <ErrorSummary message={error} />
      {!list ? (
        !error && <Loading />
      ) : list.items.length === 0 ? (
        <Empty title={empty.title}>{empty.text}</Empty>
      ) : (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  {props.columns.map((column) =>
                    column.field ? (
                      <SortHeader key={column.label} field={column.field} label={column.label} state={state} onSort={props.screen.sort} />
                    ) : (
                      <th key={column.label} scope="col">
                        {column.label}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody>{props.rows}</tbody>
            </table>
          </div>
          <Pager page={list.page} pages={list.pages} total={list.total} exact={list.total_exact} toPage={(page) => props.screen.href({ ...state, page })} />
        </>
      )}
    </>
  );
}
