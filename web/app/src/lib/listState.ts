// A list's state (page, page size, sort, filters) lives in the URL's query string, so a filtered,
// sorted page is a link that can be shared and survives a reload. The API takes the same names
// (page, page_size, sort, and one parameter per filter), so the mapping is also the API query.

export interface ListState {
  page: number;
  pageSize: number;
  sort: string; // "-due_date", "status,title"; "" for the list's default
  filters: Record<string, string>; // only the non-empty ones
}

export interface ListSpec {
  filters: readonly string[]; // the filter names the list offers
  sorts: readonly string[]; // the fields it may sort by
  defaultSort: string;
  defaultPageSize: number;
}

const kMaxPageSize = 100;

function positiveInteger(text: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER) {
  if (text === null || !/^[1-9][0-9]*$/.test(text)) return fallback;
  return Math.min(Number(text), max);
}

function validSort(text: string | null, spec: ListSpec): string {
  if (!text) return spec.defaultSort;
  const ok = text.split(',').every((key) => spec.sorts.includes(key.replace(/^-/, '')));
  return ok ? text : spec.defaultSort;
}

// Reads the state from a query string; anything malformed falls back to the default (a
// hand-edited link never breaks the page).
export function readListState(search: URLSearchParams, spec: ListSpec): ListState {
  const filters: Record<string, string> = {};
  for (const name of spec.filters) {
    const value = search.get(name);
    if (value) filters[name] = value;
  }
  return {
    page: positiveInteger(search.get('page'), 1),
    pageSize: positiveInteger(search.get('page_size'), spec.defaultPageSize, kMaxPageSize),
    sort: validSort(search.get('sort'), spec),
    filters,
  };
}

// The query string of a state: defaults are left out, so the plain list is the plain path.
export function writeListState(state: ListState, spec: ListSpec): URLSearchParams {
  const out = new URLSearchParams();
  for (const name of spec.filters) {
    const value = state.filters[name];
    if (value) out.set(name, value);
  }
  if (state.sort && state.sort !== spec.defaultSort) out.set('sort', state.sort);
  if (state.page > 1) out.set('page', String(state.page));
  if (state.pageSize !== spec.defaultPageSize) out.set('page_size', String(state.pageSize));
  return out;
}

// The API query of a state: always explicit.
export function apiQuery(state: ListState): Record<string, string | number> {
  const query: Record<string, string | number> = { ...state.filters, page: state.page, page_size: state.pageSize };
  if (state.sort) query.sort = state.sort;
  return query;
}

// A changed filter or sort goes back to the first page; a changed page keeps the rest.
export function withFilter(state: ListState, name: string, value: string): ListState {
  const filters = { ...state.filters };
  if (value) filters[name] = value;
  else delete filters[name];
  return { ...state, filters, page: 1 };
}

// Clicking a column: ascending, then descending, then ascending again.
export function toggleSort(state: ListState, field: string): ListState {
  const sort = state.sort === field ? `-${field}` : field;
  return { ...state, sort, page: 1 };
}
