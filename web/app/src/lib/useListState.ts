import { useMemo } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import { readListState, writeListState, type ListSpec, type ListState } from './listState';

// The list state of the current URL, and a way to move to another (a new history entry, so Back
// returns to the previous filter).
export function useListState(spec: ListSpec) {
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const state = useMemo(() => readListState(search, spec), [search, spec]);
  const href = (next: ListState) => {
    const query = writeListState(next, spec).toString();
    return query ? `${location.pathname}?${query}` : location.pathname;
  };
  const go = (next: ListState) => navigate(href(next));
  return { state, href, go };
}
