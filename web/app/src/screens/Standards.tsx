// The standards library (standards:read): the standards, a standard's clause tree (expandable
// nested lists, keyboard usable: each toggle is a button with aria-expanded), the selected
// clause's controls (ISO/IEC 27001 Annex A) and its mappings to other standards' clauses. The
// selected clause is the URL's ?clause=, so a clause is a link that can be shared.
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { formErrors } from '../lib/fieldErrors';
import type { ListSpec } from '../lib/listState';
import { ListBody, SearchFilter, useListScreen } from '../lib/useApiList';
import { Badge, Empty, ErrorSummary, Loading, humanise } from '../ui';
import { findNode, parentIds, pathTo } from './standardsModel';

const spec: ListSpec = {
  filters: ['q'],
  sorts: ['code', 'name', 'edition'],
  defaultSort: 'code',
  defaultPageSize: 20,
};

export function StandardsList() {
  const screen = useListScreen(
    spec,
    (query) => api.GET('/api/v1/standards', { params: { query: query as never } }),
    'standards',
  );
  const { state, go, list } = screen;
  return (
    <main>
      <h1>Standards</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SearchFilter placeholder="Code or name" state={state} go={go} />
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No standard matches this search', text: 'Clear the search to see every standard.' }}
        none={{
          title: 'No standards yet',
          text: 'Load the reference library with `qgp seed` (ISO 9001, 14001, 45001 and 27001), or ask an administrator to add your standards.',
        }}
        columns={[
          { field: 'code', label: 'Code' },
          { field: 'name', label: 'Name' },
          { field: 'edition', label: 'Edition' },
          { label: 'Clauses' },
          { label: 'Controls' },
        ]}
        rows={list?.items.map((standard) => (
          <tr key={standard.id}>
            <td>
              <Link to={`/standards/${standard.id}`}>{standard.code}</Link>
            </td>
            <td>{standard.name}</td>
            <td>{standard.edition}</td>
            <td>{standard.clause_count}</td>
            <td>
              {standard.control_count > 0 ? (
                <>
                  {standard.control_count} ·{' '}
                  <Link to={`/standards/${standard.id}/soa`} aria-label={`SoA of ${standard.code}`} title="Statement of Applicability">
                    SoA
                  </Link>
                </>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      />
    </main>
  );
}

type Node = Schemas['ClauseTreeNode'];

function ClauseTree(props: {
  nodes: readonly Node[];
  open: ReadonlySet<number>;
  selected: number | null;
  onToggle: (id: number) => void;
  id?: string;
}) {
  return (
    <ul className="tree" id={props.id}>
      {props.nodes.map((node) => {
        const expanded = props.open.has(node.id);
        const groupId = `clause-${node.id}-children`;
        return (
          <li key={node.id}>
            <div className="tree-row">
              {node.children.length > 0 ? (
                <button
                  type="button"
                  className="toggle"
                  aria-expanded={expanded}
                  aria-controls={expanded ? groupId : undefined}
                  aria-label={`Sub-clauses of ${node.clause_number}`}
                  onClick={() => props.onToggle(node.id)}
                >
                  <span aria-hidden="true">{expanded ? '▾' : '▸'}</span>
                </button>
              ) : (
                <span className="toggle-space" aria-hidden="true" />
              )}
              <Link
                to={`?clause=${node.id}`}
                aria-current={props.selected === node.id ? 'true' : undefined}
                className={props.selected === node.id ? 'selected' : undefined}
              >
                <span className="number">{node.clause_number}</span> {node.title}
              </Link>
              {node.controls.length > 0 && <span className="muted"> · {node.controls.length} controls</span>}
            </div>
            {expanded && node.children.length > 0 && (
              <ClauseTree nodes={node.children} open={props.open} selected={props.selected} onToggle={props.onToggle} id={groupId} />
            )}
          </li>
        );
      })}
    </ul>
  );
}

function ClausePanel({ clause }: { clause: Node }) {
  const [mappings, setMappings] = useState<Schemas['MappedClause'][] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    setMappings(null);
    setError('');
    void api
      .GET('/api/v1/clauses/{id}/mappings', { params: { path: { id: clause.id }, query: { page_size: 100 } as never } })
      .then(({ data, error: failure }) => {
        if (!live) return;
        if (data) setMappings(data.items);
        else setError(formErrors(failure, []).summary);
      });
    return () => {
      live = false;
    };
  }, [clause.id]);
  return (
    <section className="card clause-panel" aria-labelledby="clause-title">
      <h2 id="clause-title">
        {clause.clause_number} {clause.title}
      </h2>
      {clause.description && <p>{clause.description}</p>}
      {clause.children.length > 0 && (
        <>
          <h3>Sub-clauses</h3>
          <ul className="mappings">
            {clause.children.map((child) => (
              <li key={child.id}>
                <Link to={`?clause=${child.id}`}>
                  {child.clause_number} {child.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      )}
      {clause.controls.length > 0 && (
        <>
          <h3>Controls</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  <th scope="col">Title</th>
                  <th scope="col">Theme</th>
                </tr>
              </thead>
              <tbody>
                {clause.controls.map((control) => (
                  <tr key={control.id}>
                    <td>{control.control_number}</td>
                    <td>{control.title}</td>
                    <td>{control.theme ? humanise(control.theme) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h3>Mapped clauses in other standards</h3>
      <ErrorSummary message={error} />
      {!mappings ? (
        !error && <Loading />
      ) : mappings.length === 0 ? (
        <p className="muted">No clause of another standard is mapped to this one.</p>
      ) : (
        <ul className="mappings">
          {mappings.map((m) => (
            <li key={m.mapping_id}>
              <Link to={`/standards/${m.standard_id}?clause=${m.clause.id}`}>
                {m.standard_code} {m.clause.clause_number} {m.clause.title}
              </Link>{' '}
              <Badge value={m.mapping_type} />
              {m.notes && <span className="muted"> {m.notes}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function StandardDetail() {
  const id = Number(useParams().id);
  const [search] = useSearchParams();
  const selected = Number(search.get('clause')) || null;
  const [standard, setStandard] = useState<Schemas['StandardTree'] | null>(null);
  const [error, setError] = useState('');
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());

  useEffect(() => {
    let live = true;
    setStandard(null);
    setError('');
    void api.GET('/api/v1/standards/{id}/tree', { params: { path: { id } } }).then(({ data, error: failure }) => {
      if (!live) return;
      if (data) setStandard(data);
      else setError(formErrors(failure, []).summary);
    });
    return () => {
      live = false;
    };
  }, [id]);

  // A selected clause (a shared link, a mapping followed) is shown with its ancestors open, once
  // per selection (adjusted while rendering, so the first paint already shows it; closing an
  // ancestor afterwards is the reader's choice).
  const [revealed, setRevealed] = useState('');
  const reveal = standard && selected !== null ? `${standard.id}:${selected}` : '';
  if (standard && selected !== null && reveal !== revealed) {
    setRevealed(reveal);
    const ancestors = pathTo(standard.clauses, selected).slice(0, -1);
    if (ancestors.length > 0) setOpen(new Set([...open, ...ancestors]));
  }

  const clause = useMemo(
    () => (standard && selected !== null ? findNode(standard.clauses, selected) : undefined),
    [standard, selected],
  );

  if (!standard) return <main>{error ? <ErrorSummary message={error} /> : <Loading />}</main>;
  const toggle = (clauseId: number) =>
    setOpen((before) => {
      const next = new Set(before);
      if (next.has(clauseId)) next.delete(clauseId);
      else next.add(clauseId);
      return next;
    });
  return (
    <main className="wide">
      <p className="crumbs">
        <Link to="/standards">Standards</Link> › {standard.code}
      </p>
      <div className="title-row">
        <h1>{standard.name}</h1>
        {standard.control_count > 0 && (
          <Link className="button" to={`/standards/${standard.id}/soa`}>
            Statement of Applicability
          </Link>
        )}
      </div>
      <p className="muted">
        {standard.full_name} · edition {standard.edition} · {standard.clause_count} clauses
        {standard.control_count > 0 && ` · ${standard.control_count} controls`}
      </p>
      {standard.clauses.length === 0 ? (
        <Empty title="No clauses yet">This standard has no clauses: someone with standards:write adds them through the API.</Empty>
      ) : (
        <div className="library">
          <nav aria-label="Clauses" className="card">
            <div className="actions">
              <button type="button" onClick={() => setOpen(new Set(parentIds(standard.clauses)))}>
                Expand all
              </button>
              <button type="button" onClick={() => setOpen(new Set())}>
                Collapse all
              </button>
            </div>
            <ClauseTree nodes={standard.clauses} open={open} selected={selected} onToggle={toggle} />
          </nav>
          {clause ? (
            <ClausePanel clause={clause} />
          ) : (
            <p className="card muted">Choose a clause to see its controls and the clauses of other standards mapped to it.</p>
          )}
        </div>
      )}
    </main>
  );
}
