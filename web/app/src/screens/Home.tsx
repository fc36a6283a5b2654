// The start page: what needs doing now and how audits are going, from the lists the API offers
// (counts are list totals; the trend is the last completed runs' scores).
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useMe } from '../auth/me';
import { humanise } from '../ui';
import { ScoreTrend, type ScorePoint } from './ScoreTrend';

const grades = ['major_nonconformity', 'minor_nonconformity', 'observation', 'opportunity_for_improvement'] as const;

interface Dashboard {
  tiles: { label: string; count: number; to: string }[];
  grades: { grade: string; count: number }[] | null;
  trend: ScorePoint[] | null;
}

// The tiles are counts a person acts on: exact, however many (the lists stop counting past a bound
// otherwise).
type Query = Record<string, string | number>;
const exact = (query: Query) => ({ exact_total: 'true', ...query }) as never;
const runs = async (query: Query) => (await api.GET('/api/v1/audits/runs', { params: { query: exact(query) } })).data;
const findings = async (query: Query) => (await api.GET('/api/v1/audits/findings', { params: { query: exact(query) } })).data;

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
      {board && board.tiles.length === 0 && (
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
