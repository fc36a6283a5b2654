import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvResponse, spyOnDownloads } from '../lib/downloadSpy';

// Each test loads the whole app afresh (a cold import of every screen): more than the default 5 s
// on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  sessionStorage.clear();
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const list = (items: unknown[]) => ({ items, total: items.length, page: 1, page_size: 20, pages: items.length ? 1 : 0 });

type Answer = (request: Request, url: URL) => Response | undefined;

// Signed in as user 1 holding `permissions`; `answer` answers the API (empty lists otherwise).
async function renderAs(permissions: string[], path: string, answer: Answer = () => undefined) {
  const requests: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      requests.push(url);
      if (url.pathname === '/api/v1/auth/me') {
        return json(200, { id: 1, first_name: 'Ada', full_name: 'Ada Auditor', is_superuser: false, permissions });
      }
      return answer(request, url) ?? json(200, list([]));
    }),
  );
  vi.resetModules();
  const { session } = await import('../auth/session');
  session.start({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
  const { App } = await import('../App');
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
  await screen.findByText('Ada Auditor');
  return requests;
}

const levels = ['very_low', 'low', 'medium', 'high', 'critical'];
// A 5x5 map in the API's order; the (5, 5) cell has a colour of its own (an administrator's
// matrix), and (2, 3) holds two risks.
function heatMap() {
  const cells = [];
  for (let likelihood = 5; likelihood >= 1; likelihood -= 1) {
    for (let impact = 1; impact <= 5; impact += 1) {
      const level = levels[Math.min(4, Math.floor((likelihood * impact) / 5))];
      const dark = likelihood === 5 && impact === 5;
      cells.push({
        likelihood,
        impact,
        score: likelihood * impact,
        level,
        color: dark ? '#123456' : '#eab308',
        risk_count: likelihood === 2 && impact === 3 ? 2 : 0,
      });
    }
  }
  return { basis: 'residual', cells, total_risks: 2, risks_by_level: { very_low: 0, low: 0, medium: 2, high: 0, critical: 0 } };
}

describe('the navigation', () => {
  it('offers Risks and Actions only with their read permissions', async () => {
    await renderAs(['risks:read'], '/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Risks' })).not.toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Actions' })).toBeNull();
    cleanup();
    await renderAs(['actions:read'], '/');
    const again = screen.getByRole('navigation', { name: 'Main' });
    expect(within(again).queryByRole('link', { name: 'Risks' })).toBeNull();
    expect(within(again).getByRole('link', { name: 'Actions' }).getAttribute('href')).toBe('/actions?mine=true');
  });
});

describe('a register as CSV', () => {
  it.each([
    ['/risks', 'risks:read', '/api/v1/risks/export.csv', 'risk-register-2026-12-07.csv'],
    ['/actions', 'actions:read', '/api/v1/actions/export.csv', 'actions-2026-12-07.csv'],
  ])('%s downloads its register with the session token, under the name the API gives', async (path, permission, csv, name) => {
    const downloads = spyOnDownloads();
    let authorization = '';
    await renderAs([permission], path, (request, url) => {
      if (url.pathname !== csv) return undefined;
      authorization = request.headers.get('Authorization') ?? '';
      return csvResponse('reference_number,title\r\n', name);
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(downloads.names).toEqual([name]));
    expect(authorization).toBe('Bearer a');
    expect(await downloads.text()).toBe('reference_number,title\r\n');
  });

  it('shows the API’s refusal instead of a file', async () => {
    const downloads = spyOnDownloads();
    await renderAs(['actions:read'], '/actions', (_request, url) =>
      url.pathname === '/api/v1/actions/export.csv'
        ? json(503, { error_code: 'UNAVAILABLE', message: 'The database is not reachable.', details: {}, request_id: 'r1' })
        : undefined,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    expect(await screen.findByText('The database is not reachable.')).not.toBeNull();
    expect(downloads.names).toEqual([]);
    expect(screen.getByRole('button', { name: 'Download CSV' })).not.toBeNull();
  });
});

describe('the heat map', () => {
  it('is a table of counts with headers, coloured by the API’s cells, each linking to its risks', async () => {
    const requests = await renderAs(['risks:read'], '/risks/matrix?department=Purchasing', (_r, url) =>
      url.pathname === '/api/v1/risks/matrix' ? json(200, heatMap()) : undefined,
    );
    const table = await screen.findByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Impact 1',
      'Impact 2',
      'Impact 3',
      'Impact 4',
      'Impact 5',
    ]);
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'Likelihood 5',
      'Likelihood 4',
      'Likelihood 3',
      'Likelihood 2',
      'Likelihood 1',
    ]);
    const busy = within(table).getByRole('link', { name: /^Likelihood 2, impact 3: ?2 ?risks, ?Low$/ });
    expect(busy.querySelector('strong')?.textContent).toBe('2');
    const target = new URL(busy.getAttribute('href') ?? '', 'http://x');
    expect(target.pathname).toBe('/risks');
    expect(Object.fromEntries(target.searchParams)).toMatchObject({ likelihood: '2', impact: '3', department: 'Purchasing' });
    const own = within(table).getByRole('link', { name: /^Likelihood 5, impact 5:/ }).closest('td');
    expect(own?.style.background).toBe('rgb(18, 52, 86)');
    expect(own?.style.color).toBe('rgb(255, 255, 255)');
    const asked = requests.find((u) => u.pathname === '/api/v1/risks/matrix');
    expect(asked?.searchParams.get('department')).toBe('Purchasing');
  });
});

const completed = {
  id: 9,
  reference_number: 'ACT-2026-0009',
  title: 'Qualify a second caster',
  status: 'completed',
  source_kind: 'risk',
  risk_id: 4,
  finding_id: null,
  incident_id: null,
  complaint_id: null,
  collision_id: null,
  policy_id: null,
  completed_by_id: 1,
  completed_at: '2026-12-06T10:00:00Z',
  effectiveness_required: false,
  is_effective: null,
};

describe('the verification queue', () => {
  it('lists completed actions and shows the API’s refusal of one’s own verification', async () => {
    const requests = await renderAs(['actions:read', 'actions:verify'], '/actions/verification', (request, url) => {
      if (url.pathname === '/api/v1/actions' && request.method === 'GET') return json(200, list([completed]));
      if (url.pathname === '/api/v1/actions/9/transitions') {
        return json(403, {
          error_code: 'FORBIDDEN',
          message: 'an action is verified by someone other than the person who completed it',
          details: {},
          request_id: 'r',
        });
      }
      return undefined;
    });
    const verify = await screen.findByRole('button', { name: 'Verify ACT-2026-0009' });
    expect(verify.textContent).toBe('Verify (you completed it)');
    expect(requests.find((u) => u.pathname === '/api/v1/actions')?.searchParams.get('status')).toBe('completed');
    fireEvent.click(verify);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'You may not verify ACT-2026-0009: an action is verified by someone other than the person who completed it. Ask another verifier.',
    );
    expect(screen.queryByText('ACT-2026-0009 is verified.')).toBeNull();
  });

  it('is not offered to those who may not verify', async () => {
    await renderAs(['actions:read'], '/actions/verification');
    expect(await screen.findByText('Not available to you')).not.toBeNull();
  });
});

const risk = {
  id: 4,
  reference_number: 'RSK-2026-0004',
  title: 'Supplier insolvency',
  description: 'The only caster may fail',
  category: 'financial',
  matrix_id: 1,
  likelihood: 2,
  impact: 2,
  score: 4,
  level: 'low',
  inherent_likelihood: 4,
  inherent_impact: 5,
  inherent_score: 20,
  inherent_level: 'critical',
  target_score: null,
  target_level: null,
  owner_id: 1,
  department: null,
  review_frequency_months: 12,
  next_review_date: '2027-12-06',
  review_due: false,
  treatment_strategy: 'mitigate',
  treatment_plan: null,
  treatment_due_date: null,
  treatment_overdue: false,
  status: 'assessing',
  allowed_transitions: ['treating', 'monitoring'],
  action_ids: [],
  version: 3,
};

function riskApi(matrixId: number): Answer {
  return (request, url) => {
    if (url.pathname === '/api/v1/risks/4' && request.method === 'GET') return json(200, risk);
    if (url.pathname === '/api/v1/risk-matrices') return json(200, list([{ id: matrixId, current: true, cells: [] }]));
    return undefined;
  };
}

describe('the risk page', () => {
  it('offers acceptance only to an approver, and re-scoring only on an older matrix', async () => {
    await renderAs(['risks:read', 'risks:write'], '/risks/4', riskApi(1));
    await screen.findByRole('heading', { name: 'Supplier insolvency' });
    expect(screen.queryByRole('heading', { name: 'Accept this risk' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Re-score with the current matrix' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Treat' })).not.toBeNull();
    cleanup();
    await renderAs(['risks:read', 'risks:write', 'risks:approve'], '/risks/4', riskApi(2));
    await screen.findByRole('heading', { name: 'Accept this risk' });
    expect(await screen.findByRole('button', { name: 'Re-score with the current matrix' })).not.toBeNull();
  });
});

describe('identifying a risk', () => {
  it('puts the API’s problems next to their fields, tied to them for screen readers', async () => {
    const sent: unknown[] = [];
    await renderAs(['risks:read', 'risks:write'], '/risks/new', (request, url) => {
      if (url.pathname !== '/api/v1/risks' || request.method !== 'POST') return undefined;
      sent.push(request.clone());
      return json(422, {
        error_code: 'VALIDATION_ERROR',
        message: 'the request is invalid',
        details: { fields: { title: 'must not be empty', impact: 'must be between 1 and 5', clause_ids: 'no such clause' } },
        request_id: 'r',
      });
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Identify the risk' }));
    const problem = await screen.findByText('must not be empty');
    expect(screen.getByLabelText('Title').getAttribute('aria-describedby')).toBe(problem.id);
    const impact = screen.getByText('must be between 1 and 5');
    expect(screen.getByLabelText('Impact').getAttribute('aria-describedby')).toBe(impact.id);
    // A problem of a field the form does not show is named above the form.
    expect(screen.getByText('the request is invalid (clause_ids: no such clause)')).not.toBeNull();
    const body = await (sent[0] as Request).json();
    expect(body).toMatchObject({ owner_id: 1, likelihood: 3, impact: 3, category: 'operational' });
    expect(body).not.toHaveProperty('department');
  });
});

describe('the action page', () => {
  const mine = { ...completed, action_type: 'corrective', priority: 'high', description: 'Trial castings', owner_id: 1, due_date: null, overdue: false, completion_notes: 'Done', allowed_transitions: ['in_progress'], verified_at: null, cancellation_reason: null };

  it('tells its completer that someone else verifies it, and offers the effectiveness review to a verifier', async () => {
    await renderAs(['actions:read', 'actions:write', 'actions:verify'], '/actions/9', (request, url) =>
      url.pathname === '/api/v1/actions/9' && request.method === 'GET' ? json(200, { ...mine, effectiveness_required: true }) : undefined,
    );
    expect(await screen.findByText('You completed this action: someone else verifies it.')).not.toBeNull();
    expect(screen.queryByRole('button', { name: 'Verify' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Reopen' })).not.toBeNull();
    expect(screen.getByText(/Required: a corrective action of a major nonconformity/)).not.toBeNull();
    expect(screen.getByRole('link', { name: 'Risk #4' }).getAttribute('href')).toBe('/risks/4');
  });

  it('offers no review to someone who may not verify', async () => {
    await renderAs(['actions:read', 'actions:write'], '/actions/9', (request, url) =>
      url.pathname === '/api/v1/actions/9' && request.method === 'GET' ? json(200, mine) : undefined,
    );
    await screen.findByRole('heading', { name: 'Qualify a second caster' });
    expect(screen.queryByRole('heading', { name: 'Effectiveness review' })).toBeNull();
    expect(screen.queryByText('You completed this action: someone else verifies it.')).toBeNull();
  });
});

describe('planning an action', () => {
  it('saves owner, due date and priority with the version read, keeping an owner it cannot name', async () => {
    const open = { ...completed, status: 'open', action_type: 'corrective', priority: 'medium', description: 'x', owner_id: 42, due_date: '2099-01-31', effectiveness_review_date: null, overdue: false, completed_by_id: null, completed_at: null, allowed_transitions: ['in_progress', 'cancelled'], version: 5 };
    const sent: Request[] = [];
    await renderAs(['actions:read', 'actions:write'], '/actions/9', (request, url) => {
      if (url.pathname !== '/api/v1/actions/9') return undefined;
      if (request.method === 'PATCH') {
        sent.push(request.clone());
        return json(200, { ...open, priority: 'high', version: 6 });
      }
      return json(200, open);
    });
    const owner = (await screen.findByLabelText('Action owner')) as HTMLSelectElement;
    expect(owner.value).toBe('42');
    expect(owner.selectedOptions[0]?.textContent).toBe('user #42');
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'high' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the plan' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(await sent[0]?.json()).toEqual({
      version: 5,
      owner_id: 42,
      due_date: '2099-01-31',
      priority: 'high',
      effectiveness_review_date: null,
    });
  });
});
