// The start page: what needs doing now and how audits are going, from the lists the API offers
// (counts are list totals; the trend is the last completed runs' scores).
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useMe } from '../auth/me';
import { humanise } from '../ui';
import { ScoreTrend, type ScorePoint } from './ScoreTrend';
import { percent, scheduleCompliance, todayUtc, type ScheduleFigures } from './standardsModel';

const grades = ['major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity_for_improvement'] as const;

interface Dashboard {
  tiles: { label: string; count: number; to: string }[];
  grades: { grade: string; count: number }[] | null;
  trend: ScorePoint[] | null;
  schedule?: ScheduleFigures;
  soa?: { standardId: number; code: string; implemented: number; applicable: number; excluded: number };
}

// The tiles are counts a person acts on: exact, however many (the lists stop counting past a bound
// otherwise).
type Query = Record<string, string | number>;
const exact = (query: Query) => ({ exact_total: 'true', ...query }) as never;
const runs = async (query: Query) => (await api.GET('/api/v1/audits/runs', { params: { query: exact(query) } })).data;
const findings = async (query: Query) => (await api.GET('/api/v1/audits/findings', { params: { query: exact(query) } })).data;
const soaTotal = async (id: number, query: Query) =>
  (await api.GET('/api/v1/standards/{id}/soa', { params: { path: { id }, query: exact({ ...query, page_size: 1 }) } })).data
    ?.total ?? 0;

// Audit schedule compliance from the runs list's totals (exact, one request each): runs due
// before today that were completed, those still open (overdue), and the open ones not yet due.
async function scheduleFigures(): Promise<ScheduleFigures | undefined> {
  const [dueCompleted, overdue, open] = (
    await Promise.all([
      runs({ status: 'completed', due_before: todayUtc(), page_size: 1 }),
      runs({ overdue: 'true', page_size: 1 }),
      runs({ status: 'scheduled,in_progress', page_size: 1 }),
    ])
  ).map((list) => list?.total);
  if (dueCompleted === undefined || overdue === undefined || open === undefined) return undefined;
  return { dueCompleted, overdue, upcoming: open - overdue };
}

// SoA coverage of ISO/IEC 27001 (the standard whose controls the SoA is about): applicable
// controls implemented out of all applicable ones, from the SoA list's totals.
async function soaCoverage(): Promise<Dashboard['soa']> {
  const standard = (await api.GET('/api/v1/standards', { params: { query: { code: 'ISO27001', page_size: 1 } as never } }))
    .data?.items[0];
  if (!standard) return undefined;
  const [implemented, applicable, excluded] = await Promise.all([
    soaTotal(standard.id, { is_applicable: 'true', implementation_status: 'implemented' }),
    soaTotal(standard.id, { is_applicable: 'true' }),
    soaTotal(standard.id, { is_applicable: 'false' }),
  ]);
  return { standardId: standard.id, code: standard.code, implemented, applicable, excluded };
}

export function Home() {
  const { me, can } = useMe();
  const [board, setBoard] = useState<Dashboard | null>(null);
  useEffect(() => {
    if (!me) return;
    let live = true;
    void (async () => {
      const next: Dashboard = { tiles: [], grades: null, trend: null };
      const tile = (label: string, count: number | undefined, to: string) => {
        if (count !== undefined) next.tiles.push({ label, count, to });
      };
      if (can('audits:read')) {
        tile('runs in progress', (await runs({ status: 'in_progress', page_size: 1 }))?.total, '/audits/runs?status=in_progress');
        tile('runs scheduled', (await runs({ status: 'scheduled', page_size: 1 }))?.total, '/audits/runs?status=scheduled');
        tile('runs overdue', (await runs({ overdue: 'true', page_size: 1 }))?.total, '/audits/runs?overdue=true');
        const completed = await runs({ status: 'completed', sort: '-created_at', page_size: 20 });
        next.trend = (completed?.items ?? [])
          .filter((run) => run.score_percentage !== null)
          .map((run) => ({ reference: run.reference_number, score: run.score_percentage ?? 0 }))
          .reverse();
        next.schedule = await scheduleFigures();
      }
      if (can('findings:read')) {
        tile('findings open', (await findings({ status: 'open', page_size: 1 }))?.total, '/findings?status=open');
        tile('findings overdue', (await findings({ overdue: 'true', page_size: 1 }))?.total, '/findings?overdue=true');
        next.grades = [];
        for (const grade of grades) {
          const count = (await findings({ status: 'open', grade, page_size: 1 }))?.total ?? 0;
          next.grades.push({ grade, count });
        }
      }
      if (can('standards:read')) next.soa = await soaCoverage();
      if (live) setBoard(next);
    })();
    return () => {
      live = false;
    };
    // `can` follows `me`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me]);

  const most = Math.max(1, ...(board?.grades ?? []).map((g) => g.count));
  return (
    <main>
      <h1>Hello{me ? `, ${me.first_name}` : ''}</h1>
      {board && board.tiles.length === 0 && !board.soa && (
        <p>Your roles give you no screen yet. Ask an administrator for the roles your work needs.</p>
      )}
      <div className="tiles">
        {board?.tiles.map((t) => (
          <Link key={t.label} className="tile" to={t.to}>
            <strong>{t.count}</strong> {t.label}
          </Link>
        ))}
      </div>
      {board?.grades && (
        <section className="card" aria-labelledby="grades-title">
          <h2 id="grades-title">Open findings by grade</h2>
          <ul className="bars">
            {board.grades.map((g) => (
              <li key={g.grade}>
                <Link to={`/findings?status=open&grade=${g.grade}`}>{humanise(g.grade)}</Link>
                <span className={`bar bar-${g.grade}`} style={{ width: `${(g.count / most) * 100}%` }} />
                <span className="bar-count">{g.count}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {board?.schedule && <ScheduleCard figures={board.schedule} />}
      {board?.soa && <SoaCard soa={board.soa} />}
      {board?.trend && (
        <section className="card" aria-labelledby="trend-title">
          <h2 id="trend-title">Audit score trend</h2>
          {board.trend.length === 0 ? (
            <p>No run has been completed yet: the trend appears with the first completed run.</p>
          ) : (
            <ScoreTrend points={board.trend} />
          )}
        </section>
      )}
    </main>
  );
}

function ScheduleCard({ figures }: { figures: ScheduleFigures }) {
  const compliance = scheduleCompliance(figures);
  const rows = [
    // The runs list has no due-date filter in its URL: this row is not a link.
    { key: 'completed', label: 'Due and completed', count: figures.dueCompleted, to: '' },
    { key: 'overdue', label: 'Overdue', count: figures.overdue, to: '/audits/runs?overdue=true' },
    { key: 'upcoming', label: 'Open, not overdue', count: figures.upcoming, to: '/audits/runs?status=scheduled,in_progress' },
  ];
  const most = Math.max(1, ...rows.map((r) => r.count));
  return (
    <section className="card" aria-labelledby="schedule-title">
      <h2 id="schedule-title">Audit schedule compliance</h2>
      <p>
        {compliance === null ? (
          'No run was due before today yet.'
        ) : (
          <>
            <strong className="figure">{compliance}%</strong> of the runs due before today are completed.
          </>
        )}
      </p>
      <ul className="bars">
        {rows.map((r) => (
          <li key={r.key}>
            {r.to ? <Link to={r.to}>{r.label}</Link> : <span>{r.label}</span>}
            <span className={`bar bar-${r.key}`} style={{ width: `${(r.count / most) * 100}%` }} />
            <span className="bar-count">{r.count}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SoaCard({ soa }: { soa: NonNullable<Dashboard['soa']> }) {
  const coverage = percent(soa.implemented, soa.applicable);
  return (
    <section className="card" aria-labelledby="soa-title">
      <h2 id="soa-title">Statement of Applicability coverage ({soa.code})</h2>
      <p>
        <strong className="figure">{coverage === null ? '—' : `${coverage}%`}</strong>{' '}
        <Link to={`/standards/${soa.standardId}/soa?is_applicable=true&implementation_status=implemented`}>
          {soa.implemented} of {soa.applicable} applicable controls implemented
        </Link>
      </p>
      <progress max={Math.max(soa.applicable, 1)} value={soa.implemented} aria-label="Applicable controls implemented" />
      <p className="muted">
        <Link to={`/standards/${soa.standardId}/soa?is_applicable=false`}>{soa.excluded} excluded</Link> with a justification.
      </p>
    </section>
  );
}
