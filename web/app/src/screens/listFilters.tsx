// Filter controls of the risk and action registers beyond the shared select and search: a
// yes/no flag, a free-text value applied on Enter, a choice with its own labels, and a removable
// chip for a filter that came with a link (a heat-map cell, a source record).
import { withFilter, type ListState } from '../lib/listState';
import type { Choice } from './formKit';
import { humanise } from '../ui';

interface FilterProps {
  state: ListState;
  go: (next: ListState) => void;
}

export function FlagFilter(props: FilterProps & { label: string; name: string }) {
  const { state, go, name } = props;
  return (
    <label className="check">
      <input
        type="checkbox"
        checked={state.filters[name] === 'true'}
        onChange={(e) => go(withFilter(state, name, e.target.checked ? 'true' : ''))}
      />{' '}
      {props.label}
    </label>
  );
}

export function TextFilter(props: FilterProps & { label: string; name: string }) {
  const { state, go, name } = props;
  return (
    <label>
      {props.label}
      <input
        type="text"
        key={state.filters[name] ?? ''}
        defaultValue={state.filters[name] ?? ''}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go(withFilter(state, name, e.currentTarget.value.trim()));
        }}
        onBlur={(e) => {
          const value = e.currentTarget.value.trim();
          if (value !== (state.filters[name] ?? '')) go(withFilter(state, name, value));
        }}
      />
    </label>
  );
}

export function ChoiceFilter(props: FilterProps & { label: string; name: string; choices: readonly Choice[] }) {
  const { state, go, name } = props;
  const current = state.filters[name] ?? '';
  const choices = props.choices.map((c) => (typeof c === 'string' ? { value: c, label: humanise(c) } : c));
  // A value that came with a link and is not among the choices is still shown as chosen.
  if (current && !choices.some((c) => c.value === current)) choices.push({ value: current, label: current });
  return (
    <label>
      {props.label}
      <select value={current} onChange={(e) => go(withFilter(state, name, e.target.value))}>
        <option value="">Any</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}

// A chip for filters set by a link: "Only likelihood 2 x impact 3 ✕" clears them all at once.
export function LinkedFilter(props: FilterProps & { names: readonly string[]; label: string }) {
  const { state, go, names } = props;
  if (!names.some((name) => state.filters[name])) return null;
  const cleared = names.reduce((next, name) => withFilter(next, name, ''), state);
  return (
    <button type="button" onClick={() => go(cleared)} aria-label={`Remove the filter: ${props.label}`}>
      {props.label} ✕
    </button>
  );
}
