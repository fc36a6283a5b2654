import { describe, expect, it } from 'vitest';
import { apiQuery, readListState, toggleSort, withFilter, writeListState, type ListSpec } from './listState';

const spec: ListSpec = {
  filters: ['status', 'q'],
  sorts: ['due_date', 'title'],
  defaultSort: '-due_date',
  defaultPageSize: 20,
};

describe('list state <-> URL', () => {
  it('reads page, size, sort and filters', () => {
    const state = readListState(new URLSearchParams('status=open&q=fire&page=3&page_size=50&sort=title'), spec);
    expect(state).toEqual({ page: 3, pageSize: 50, sort: 'title', filters: { status: 'open', q: 'fire' } });
  });

  it('falls back to the defaults for malformed values and ignores unknown parameters', () => {
    const state = readListState(new URLSearchParams('page=0&page_size=abc&sort=password&bogus=1'), spec);
    expect(state).toEqual({ page: 1, pageSize: 20, sort: '-due_date', filters: {} });
    expect(readListState(new URLSearchParams('page_size=5000'), spec).pageSize).toBe(100);
  });

  it('writes only what differs from the defaults, and round-trips', () => {
    expect(writeListState(readListState(new URLSearchParams(''), spec), spec).toString()).toBe('');
    const search = new URLSearchParams('status=open&sort=title&page=2&page_size=50');
    const written = writeListState(readListState(search, spec), spec);
    expect(Object.fromEntries(written)).toEqual(Object.fromEntries(search));
  });

  it('builds the explicit API query', () => {
    const state = readListState(new URLSearchParams('status=open&page=2'), spec);
    expect(apiQuery(state)).toEqual({ status: 'open', page: 2, page_size: 20, sort: '-due_date' });
  });

  it('goes back to page 1 when a filter or the sort changes', () => {
    const state = readListState(new URLSearchParams('page=4'), spec);
    expect(withFilter(state, 'status', 'closed')).toMatchObject({ page: 1, filters: { status: 'closed' } });
    expect(withFilter({ ...state, filters: { status: 'open' } }, 'status', '').filters).toEqual({});
    expect(toggleSort(state, 'title')).toMatchObject({ page: 1, sort: 'title' });
    expect(toggleSort({ ...state, sort: 'title' }, 'title').sort).toBe('-title');
  });
});
