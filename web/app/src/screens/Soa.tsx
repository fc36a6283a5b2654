// The Statement of Applicability of a standard with controls (ISO/IEC 27001 Annex A): each control
// with its applicability, justification and implementation status, filtered and sorted through the
// URL, edited in place (standards:write) with the API's field errors next to the fields, and
// exported as the API's CSV (fetched with the session's token, saved through a blob link).
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { withFilter, type ListSpec } from '../lib/listState';
import { ListBody, SearchFilter, SelectFilter, useListScreen } from '../lib/useApiList';
import { Badge, ErrorSummary, Field, humanise } from '../ui';
import { CsvDownload } from './CsvDownload';
import { draftOf, soaBody, withApplicable, workflowStatuses, type SoaDraft } from './standardsModel';

const spec: ListSpec = {
  filters: ['is_applicable', 'implementation_status', 'theme', 'q'],
  sorts: ['control_number', 'title', 'theme', 'is_applicable', 'implementation_status'],
  defaultSort: 'control_number',
  defaultPageSize: 20,
};
const statuses = [...workflowStatuses, 'not_applicable'] as const;
const themes = ['organizational', 'people', 'physical', 'technological'] as const;
const soaFields = ['is_applicable', 'justification', 'implementation_status'] as const;

type Line = Schemas['SoaLine'];

function SoaEditor(props: { line: Line; onSaved: (line: Line) => void; onCancel: () => void }) {
  const { line } = props;
  const [draft, setDraft] = useState<SoaDraft>(() => draftOf(line));
  const [errors, setErrors] = useState<FormErrors>({ summary: '', fields: {} });
  const [busy, setBusy] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.PUT('/api/v1/controls/{id}/soa', {
      params: { path: { id: line.control_id } },
      body: soaBody(line, draft),
    });
    setBusy(false);
    if (!data) {
      setErrors(formErrors(error, soaFields));
      return;
    }
    props.onSaved({
      ...line,
      entry_id: data.id,
      is_applicable: data.is_applicable,
      justification: data.justification,
      implementation_status: data.implementation_status,
      owner_id: data.owner_id,
      notes: data.notes,
      reviewed_at: data.reviewed_at,
      reviewed_by_id: data.reviewed_by_id,
      version: data.version,
    });
  }

  return (
    <form className="soa-editor" onSubmit={save} noValidate aria-label={`Applicability of ${line.control_number}`}>
      <ErrorSummary message={errors.summary} />
      <Field label="Applicable" error={errors.fields.is_applicable}>
        {(id, describedBy) => (
          <select
            id={id}
            value={draft.is_applicable ? 'yes' : 'no'}
            onChange={(e) => setDraft(withApplicable(draft, e.target.value === 'yes'))}
            aria-describedby={describedBy}
            aria-invalid={!!describedBy}
          >
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        )}
      </Field>
      <Field
        label="Implementation status"
        error={errors.fields.implementation_status}
        hint={draft.is_applicable ? undefined : 'An excluded control is not applicable.'}
      >
        {(id, describedBy) => (
          <select
            id={id}
            value={draft.implementation_status}
            disabled={!draft.is_applicable}
            onChange={(e) => setDraft({ ...draft, implementation_status: e.target.value as SoaDraft['implementation_status'] })}
            aria-describedby={describedBy}
            aria-invalid={!!describedBy}
          >
            {(draft.is_applicable ? workflowStatuses : (['not_applicable'] as const)).map((status) => (
              <option key={status} value={status}>
                {humanise(status)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        label="Justification"
        error={errors.fields.justification}
        hint="Why the control is included or excluded (required to exclude it)."
      >
        {(id, describedBy) => (
          <textarea
            id={id}
            rows={3}
            value={draft.justification}
            onChange={(e) => setDraft({ ...draft, justification: e.target.value })}
            aria-describedby={describedBy}
            aria-invalid={!!describedBy}
          />
        )}
      </Field>
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function Soa() {
  const id = Number(useParams().id);
  const { can } = useMe();
  const [standard, setStandard] = useState<Schemas['Standard'] | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [saved, setSaved] = useState<Record<number, Line>>({});
  const [message, setMessage] = useState('');
  const screen = useListScreen(
    spec,
    (query) => api.GET('/api/v1/standards/{id}/soa', { params: { path: { id }, query: query as never } }),
    'Statement of Applicability',
  );
  const { state, go, list } = screen;
  useEffect(() => {
    void api
      .GET('/api/v1/standards', { params: { query: { page_size: 100 } as never } })
      .then(({ data }) => setStandard(data?.items.find((s) => s.id === id) ?? null));
  }, [id]);
  // A new page (filters, sort) shows the API's lines again.
  useEffect(() => {
    setSaved({});
    setEditing(null);
  }, [list]);

  const mayEdit = can('standards:write');
  const columns = [
    { field: 'control_number', label: 'Control' },
    { field: 'title', label: 'Title' },
    { field: 'is_applicable', label: 'Applicable' },
    { field: 'implementation_status', label: 'Status' },
    { label: 'Justification' },
    ...(mayEdit ? [{ label: 'Edit' }] : []),
  ];
  return (
    <main className="wide">
      <p className="crumbs">
        <Link to="/standards">Standards</Link> ›{' '}
        {standard ? <Link to={`/standards/${id}`}>{standard.code}</Link> : `standard ${id}`}
      </p>
      <div className="title-row">
        <h1>Statement of Applicability</h1>
        <CsvDownload
          load={() => api.GET('/api/v1/standards/{id}/soa.csv', { params: { path: { id } }, parseAs: 'blob' })}
          fallbackName={`soa-${id}.csv`}
        />
      </div>
      {standard && <p className="muted">{standard.full_name}</p>}
      {message && (
        <p className="notice" role="status">
          {message}
        </p>
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Applicability
          <select
            value={state.filters.is_applicable ?? ''}
            onChange={(e) => go(withFilter(state, 'is_applicable', e.target.value))}
          >
            <option value="">Any</option>
            <option value="true">Yes</option>
            <option value="false">No (excluded)</option>
          </select>
        </label>
        <SelectFilter label="Status" name="implementation_status" values={statuses} state={state} go={go} />
        <SelectFilter label="Theme" name="theme" values={themes} state={state} go={go} />
        <SearchFilter placeholder="Control number or title" state={state} go={go} />
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No control matches these filters', text: 'Clear a filter to see more.' }}
        none={{
          title: 'This standard has no controls',
          text: 'The Statement of Applicability lists a standard’s controls (ISO/IEC 27001 Annex A). Load them with `qgp seed`.',
        }}
        columns={columns}
        rows={list?.items.map((fromApi) => {
          const line = saved[fromApi.control_id] ?? fromApi;
          if (editing === line.control_id) {
            return (
              <tr key={line.control_id} className="editing">
                <td>{line.control_number}</td>
                <td colSpan={columns.length - 1}>
                  <p className="editor-title">{line.title}</p>
                  <SoaEditor
                    line={line}
                    onCancel={() => setEditing(null)}
                    onSaved={(next) => {
                      setSaved({ ...saved, [next.control_id]: next });
                      setEditing(null);
                      setMessage(`${next.control_number} saved.`);
                    }}
                  />
                </td>
              </tr>
            );
          }
          return (
            <tr key={line.control_id}>
              <td>{line.control_number}</td>
              <td>{line.title}</td>
              <td>{line.is_applicable ? 'Yes' : 'No'}</td>
              <td>
                <Badge value={line.implementation_status} />
                {line.entry_id === null && <span className="muted"> (not assessed)</span>}
              </td>
              <td>{line.justification ?? '—'}</td>
              {mayEdit && (
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      setMessage('');
                      setEditing(line.control_id);
                    }}
                    aria-label={`Edit ${line.control_number}`}
                  >
                    Edit
                  </button>
                </td>
              )}
            </tr>
          );
        })}
      />
    </main>
  );
}
