import { useCallback, useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { withFilter, type ListSpec } from '../lib/listState';
import { ListBody, SearchFilter, SelectFilter, useListScreen } from '../lib/useApiList';
import { Badge, ErrorSummary, Field, Loading, humanise } from '../ui';
import { ActionsOf } from './Actions';
import { RecordHistory } from './AuditTrail';

const spec: ListSpec = {
  filters: ['status', 'grade', 'q', 'run_id', 'overdue'],
  sorts: ['reference_number', 'title', 'grade', 'status', 'due_date', 'created_at'],
  defaultSort: '-created_at',
  defaultPageSize: 20,
};
const statuses = ['open', 'in_progress', 'pending_verification', 'closed'] as const;
const grades = ['major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity_for_improvement'] as const;

export function FindingsList() {
  const screen = useListScreen(
    spec,
    (query) => api.GET('/api/v1/audits/findings', { params: { query: query as never } }),
    'findings',
  );
  const { state, go, list } = screen;
  return (
    <main>
      <h1>Findings</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter label="Status" name="status" values={statuses} state={state} go={go} />
        <SelectFilter label="Grade" name="grade" values={grades} state={state} go={go} />
        <SearchFilter placeholder="Reference, title, description" state={state} go={go} />
        {state.filters.run_id && (
          <button type="button" onClick={() => go(withFilter(state, 'run_id', ''))}>
            Only run {state.filters.run_id} ✕
          </button>
        )}
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No finding matches these filters', text: 'Clear a filter to see more.' }}
        none={{ title: 'No findings yet', text: <>Findings are raised when an audit run is completed with a nonconforming answer, or recorded by an auditor. Take a run from <Link to="/audits/runs">Audit runs</Link>.</> }}
        columns={[
          { field: 'reference_number', label: 'Reference' },
          { field: 'title', label: 'Title' },
          { field: 'grade', label: 'Grade' },
          { field: 'status', label: 'Status' },
          { field: 'due_date', label: 'Due' },
        ]}
        rows={list?.items.map((f) => (
            <tr key={f.id}>
              <td>
                <Link to={`/findings/${f.id}`}>{f.reference_number}</Link>
              </td>
              <td>{f.title}</td>
              <td>
                <Badge value={f.grade} />
              </td>
              <td>
                <Badge value={f.status} />
              </td>
              <td>{f.due_date ?? '—'}</td>
            </tr>
        ))}
      />
    </main>
  );
}

const moveLabels: Record<string, string> = {
  open: 'Reopen',
  in_progress: 'Start work',
  pending_verification: 'Ready for verification',
  closed: 'Close',
};

export function FindingDetail() {
  const id = Number(useParams().id);
  const { can } = useMe();
  const [finding, setFinding] = useState<Schemas['Finding'] | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>({ summary: '', fields: {} });
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/audits/findings/{id}', { params: { path: { id } } });
    if (data) setFinding(data);
    else setErrors(formErrors(error, []));
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  async function move(to: Schemas['FindingTransition']['to']) {
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/audits/findings/{id}/transitions', {
      params: { path: { id } },
      body: { to, note: note.trim() || null },
    });
    setBusy(false);
    if (data) {
      setFinding(data);
      setNote('');
      setErrors({ summary: '', fields: {} });
    } else {
      setErrors(formErrors(error, ['note']));
    }
  }

  if (!finding) return errors.summary ? <ErrorSummary message={errors.summary} /> : <Loading />;
  const mayMove = can('findings:write') || can('findings:verify');
  return (
    <main>
      <p className="crumbs">
        <Link to="/findings">Findings</Link> › {finding.reference_number}
      </p>
      <h1>{finding.title}</h1>
      <p>
        <Badge value={finding.grade} /> <Badge value={finding.status} />
        {finding.is_auto_created && <span className="muted"> · raised by the run</span>}
      </p>
      <dl className="facts">
        <dt>Run</dt>
        <dd>
          <Link to={`/audits/runs/${finding.run_id}`}>{finding.run_reference_number}</Link>
        </dd>
        <dt>Description</dt>
        <dd>{finding.description || '—'}</dd>
        <dt>Due</dt>
        <dd>{finding.due_date ?? '—'}</dd>
        {finding.closure_notes && (
          <>
            <dt>Closure notes</dt>
            <dd>{finding.closure_notes}</dd>
          </>
        )}
      </dl>
      {finding.status === 'closed' && (
        <p className="notice" role="status">
          This finding is closed.
        </p>
      )}
      {finding.allowed_transitions.length > 0 && mayMove ? (
        <section className="card" aria-labelledby="move-title">
          <h2 id="move-title">Move this finding</h2>
          <ErrorSummary message={errors.summary} />
          <Field label="Note" error={errors.fields.note} hint="Closing needs closure notes: what was done and verified.">
            {(fieldId, describedBy) => (
              <textarea id={fieldId} rows={3} value={note} onChange={(e) => setNote(e.target.value)} aria-describedby={describedBy} />
            )}
          </Field>
          <div className="actions">
            {finding.allowed_transitions.map((to) => (
              <button key={to} type="button" className={to === 'closed' ? 'primary' : ''} disabled={busy} onClick={() => void move(to)}>
                {moveLabels[to] ?? humanise(to)}
              </button>
            ))}
          </div>
        </section>
      ) : (
        finding.status !== 'closed' && <p className="muted">You may not move this finding.</p>
      )}
      {can('actions:read') && <ActionsOf source={{ finding_id: finding.id }} raising={finding.status !== 'closed'} />}
      <RecordHistory
        record={{ type: 'audit_finding', id }}
        refresh={finding.version}
        load={(query) => api.GET('/api/v1/audits/findings/{id}/history', { params: { path: { id }, query } })}
      />
    </main>
  );
}
