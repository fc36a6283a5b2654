// Small shared pieces of the screens: form fields with their errors, list paging and sorting,
// empty states, status badges.
import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { ListState } from './lib/listState';

export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={props.error ? 'field invalid' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.children(id, props.error ? errorId : undefined)}
      {props.hint && !props.error && <small>{props.hint}</small>}
      {props.error && (
        <small id={errorId} className="field-error" role="alert">
          {props.error}
        </small>
      )}
    </div>
  );
}

export function ErrorSummary({ message }: { message: string }) {
  if (!message) return null;
  return (
    <p className="error-summary" role="alert">
      {message}
    </p>
  );
}

export function Empty({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty">
      <h2>{title}</h2>
      <p>{children}</p>
    </div>
  );
}

export function Badge({ value }: { value: string }) {
  return <span className={`badge badge-${value}`}>{humanise(value)}</span>;
}

export function humanise(value: string): string {
  const text = value.replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function SortHeader(props: { field: string; label: string; state: ListState; onSort: (field: string) => void }) {
  const { field, state } = props;
  const direction = state.sort === field ? 'ascending' : state.sort === `-${field}` ? 'descending' : 'none';
  return (
    <th aria-sort={direction} scope="col">
      <button type="button" className="sort" onClick={() => props.onSort(field)}>
        {props.label}
        <span aria-hidden="true">{direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : ''}</span>
      </button>
    </th>
  );
}

// A list's count as a person reads it: the API stops counting past a bound and says so
// (`total_exact` false: there are more than `total`).
export function countText(total: number, exact = true) {
  return exact ? total.toLocaleString('en-GB') : `more than ${total.toLocaleString('en-GB')}`;
}

export function Pager(props: { page: number; pages: number; total: number; exact?: boolean; toPage: (page: number) => string }) {
  const { page, pages, total } = props;
  const exact = props.exact ?? true;
  const shown = Math.max(pages, 1);
  return (
    <nav className="pager" aria-label="Pages">
      <span>
        {countText(total, exact)} in all · page {exact ? Math.min(page, shown) : page} of {exact ? shown : `${shown}+`}
      </span>
      {page > 1 ? <Link to={props.toPage(page - 1)}>Previous</Link> : <span aria-hidden="true">Previous</span>}
      {page < pages || !exact ? <Link to={props.toPage(page + 1)}>Next</Link> : <span aria-hidden="true">Next</span>}
    </nav>
  );
}

export function Loading() {
  return (
    <p className="loading" role="status">
      Loading…
    </p>
  );
}
