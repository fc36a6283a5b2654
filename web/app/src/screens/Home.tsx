// The start page: what needs doing now, from the lists the API offers.
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { useMe } from '../auth/me';

interface Counts {
  running: number | null;
  scheduled: number | null;
  open: number | null;
  overdue: number | null;
}

export function Home() {
  const { me, can } = useMe();
  const [counts, setCounts] = useState<Counts>({ running: null, scheduled: null, open: null, overdue: null });
  useEffect(() => {
    if (!me) return;
    const total = async (path: '/api/v1/audits/runs' | '/api/v1/audits/findings', query: Record<string, string>) =>
      (await api.GET(path, { params: { query: { ...query, page_size: 1 } as never } })).data?.total ?? null;
    void (async () => {
      const next: Counts = { running: null, scheduled: null, open: null, overdue: null };
      if (can('audits:read')) {
        next.running = await total('/api/v1/audits/runs', { status: 'in_progress' });
        next.scheduled = await total('/api/v1/audits/runs', { status: 'scheduled' });
      }
      if (can('findings:read')) {
        next.open = await total('/api/v1/audits/findings', { status: 'open,in_progress,pending_verification' });
        next.overdue = await total('/api/v1/audits/findings', { overdue: 'true' });
      }
      setCounts(next);
    })();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [me]);

  return (
    <main>
      <h1>Hello{me ? `, ${me.first_name}` : ''}</h1>
      <div className="tiles">
        {counts.running !== null && (
          <Link className="tile" to="/audits/runs?status=in_progress">
            <strong>{counts.running}</strong> runs in progress
          </Link>
        )}
        {counts.scheduled !== null && (
          <Link className="tile" to="/audits/runs?status=scheduled">
            <strong>{counts.scheduled}</strong> runs scheduled
          </Link>
        )}
        {counts.open !== null && (
          <Link className="tile" to="/findings?status=open">
            <strong>{counts.open}</strong> findings not closed
          </Link>
        )}
        {counts.overdue !== null && (
          <Link className="tile" to="/findings?overdue=true">
            <strong>{counts.overdue}</strong> findings overdue
          </Link>
        )}
      </div>
    </main>
  );
}
