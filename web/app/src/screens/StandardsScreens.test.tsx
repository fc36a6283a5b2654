// The standards library, the SoA and the roles screens inside the app, against a stubbed API.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvResponse, spyOnDownloads } from '../lib/downloadSpy';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  sessionStorage.clear();
});

type Answer = (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const page = (items: unknown[], total = items.length) => ({ items, total, total_exact: true, page: 1, page_size: 20, pages: 1 });

// Signed in with `permissions`; `answer` serves the API (a route it leaves undefined is an empty list).
async function renderAt(path: string, permissions: string[], answer: Answer) {
  const fetch = vi.fn(async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === '/api/v1/auth/me') {
      return json(200, { first_name: 'Ada', full_name: 'Ada Admin', is_superuser: false, permissions });
    }
    return (await answer(request, url)) ?? json(200, page([]));
  });
  vi.stubGlobal('fetch', fetch);
  vi.resetModules();
  const { session } = await import('../auth/session');
  session.start({ access_token: 'token-1', refresh_token: 'r', expires_in: 900 });
  const { App } = await import('../App');
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
  await screen.findByText('Ada Admin');
  return fetch;
}

const clause = (id: number, number: string, title: string, children: unknown[] = [], controls: unknown[] = []) => ({
  id, clause_number: number, title, description: null, children, controls,
});
const standardTree = {
  id: 4, code: 'ISO27001', name: 'ISO/IEC 27001', full_name: 'Information security', edition: '2022',
  clause_count: 4, control_count: 1,
  clauses: [
    clause(10, '4', 'Context of the organization', [clause(11, '4.1', 'Understanding the organization', [clause(12, '4.1.1', 'Deep')])]),
    clause(20, 'A.5', 'Organizational controls', [], [{ id: 90, control_number: 'A.5.1', title: 'Policies', theme: 'organizational' }]),
  ],
};

describe('the clause tree', () => {
  it('expands and collapses with buttons that say their state, and opens the ancestors of a linked clause', async () => {
    await renderAt('/standards/4?clause=12', ['standards:read'], (_request, url) => {
      if (url.pathname === '/api/v1/standards/4/tree') return json(200, standardTree);
      if (url.pathname === '/api/v1/clauses/12/mappings') {
        return json(200, page([{ mapping_id: 1, mapping_type: 'equivalent', notes: null, standard_id: 1, standard_code: 'ISO9001', clause: { id: 5, clause_number: '4.1', title: 'Context' } }]));
      }
      return undefined;
    });
    // The linked clause is shown, its ancestors open.
    expect(await screen.findByRole('heading', { name: '4.1.1 Deep' })).not.toBeNull();
    const top = screen.getByRole('button', { name: 'Sub-clauses of 4' });
    expect(top.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('link', { name: /4\.1\.1 Deep/ }).getAttribute('aria-current')).toBe('true');
    const mapped = await screen.findByRole('link', { name: 'ISO9001 4.1 Context' });
    expect(mapped.getAttribute('href')).toBe('/standards/1?clause=5');
    // Collapsing hides the sub-clauses.
    fireEvent.click(top);
    expect(top.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('link', { name: /4\.1 Understanding/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(screen.getByRole('link', { name: /4\.1 Understanding/ })).not.toBeNull();
  });
});

const soaLine = {
  control_id: 90, standard_id: 4, control_number: 'A.5.1', title: 'Policies', theme: 'organizational',
  clause_id: 20, clause_number: 'A.5', entry_id: null, is_applicable: true, justification: null,
  implementation_status: 'not_implemented', owner_id: 3, notes: 'n', reviewed_at: null, reviewed_by_id: null, version: 0,
};

describe('the Statement of Applicability', () => {
  it('edits a control in place: the API field error next to its field, then saved with the whole decision', async () => {
    const bodies: unknown[] = [];
    await renderAt('/standards/4/soa', ['standards:read', 'standards:write'], async (request, url) => {
      if (url.pathname === '/api/v1/standards/4/soa') return json(200, page([soaLine]));
      if (url.pathname === '/api/v1/controls/90/soa' && request.method === 'PUT') {
        const body = (await request.json()) as { justification: string | null };
        bodies.push(body);
        if (!body.justification) {
          return json(422, { error_code: 'VALIDATION_ERROR', message: 'invalid', details: { fields: { justification: 'required to exclude a control' } }, request_id: 'r' });
        }
        return json(200, { id: 5, control_id: 90, is_applicable: false, justification: body.justification, implementation_status: 'not_applicable', owner_id: 3, notes: 'n', reviewed_at: null, reviewed_by_id: 1, version: 1 });
      }
      return undefined;
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit A.5.1' }));
    // The form appears once its render has run: found, not read at once (a loaded machine lags).
    const form = within(await screen.findByRole('form', { name: 'Applicability of A.5.1' }));
    fireEvent.change(form.getByLabelText('Applicable'), { target: { value: 'no' } });
    expect((form.getByLabelText('Implementation status') as HTMLSelectElement).disabled).toBe(true);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    const problem = await form.findByText('required to exclude a control');
    expect(form.getByLabelText('Justification').getAttribute('aria-describedby')).toBe(problem.id);
    fireEvent.change(form.getByLabelText('Justification'), { target: { value: 'No premises' } });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('A.5.1 saved.')).not.toBeNull();
    const row = screen.getByRole('row', { name: /A\.5\.1/ });
    expect(await within(row).findByText('No premises')).not.toBeNull();
    expect(within(row).getByText('Not applicable')).not.toBeNull();
    expect(bodies[1]).toEqual({ is_applicable: false, justification: 'No premises', implementation_status: null, owner_id: 3, notes: 'n', version: 0 });
  });

  it('offers no editing without standards:write', async () => {
    await renderAt('/standards/4/soa', ['standards:read'], (_request, url) =>
      url.pathname === '/api/v1/standards/4/soa' ? json(200, page([soaLine])) : undefined,
    );
    await screen.findByText('Policies');
    expect(screen.queryByRole('button', { name: 'Edit A.5.1' })).toBeNull();
    expect(screen.queryByRole('columnheader', { name: 'Edit' })).toBeNull();
  });

  it('sends the filters of the URL to the API', async () => {
    const fetch = await renderAt('/standards/4/soa?is_applicable=false&theme=people', ['standards:read'], () => undefined);
    await screen.findByText('No control matches these filters');
    const soaCall = fetch.mock.calls.map(([r]) => new URL(r.url)).find((u) => u.pathname === '/api/v1/standards/4/soa');
    expect(soaCall?.searchParams.get('is_applicable')).toBe('false');
    expect(soaCall?.searchParams.get('theme')).toBe('people');
  });

  it('downloads the CSV with the session token, under the name the API gives', async () => {
    const downloads = spyOnDownloads();
    let authorization = '';
    await renderAt('/standards/4/soa', ['standards:read'], (request, url) => {
      if (url.pathname !== '/api/v1/standards/4/soa.csv') return undefined;
      authorization = request.headers.get('Authorization') ?? '';
      return csvResponse('control_number,title\r\n', 'soa-ISO27001.csv');
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(downloads.names).toEqual(['soa-ISO27001.csv']));
    expect(authorization).toBe('Bearer token-1');
    expect(await downloads.text()).toBe('control_number,title\r\n');
  });
});

const catalogue = page([
  { name: 'audits:read', description: 'View audits' },
  { name: 'standards:read', description: 'View standards' },
  { name: 'standards:write', description: 'Maintain standards' },
]);

describe('roles', () => {
  it('creates a custom role from permission checkboxes grouped by module', async () => {
    let sent: unknown = null;
    await renderAt('/roles/new', ['users:read', 'roles:admin'], async (request, url) => {
      if (url.pathname === '/api/v1/permissions') return json(200, catalogue);
      if (url.pathname === '/api/v1/roles' && request.method === 'POST') {
        sent = await request.json();
        return json(201, { id: 8, name: 'SoA reviewer', description: null, is_system: false, user_count: 0, permissions: ['standards:read'], version: 1 });
      }
      if (url.pathname === '/api/v1/roles/8') {
        return json(200, { id: 8, name: 'SoA reviewer', description: null, is_system: false, user_count: 0, permissions: ['standards:read'], version: 1 });
      }
      return undefined;
    });
    const standards = await screen.findByRole('group', { name: 'Standards' });
    expect(within(standards).getAllByRole('checkbox')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'SoA reviewer' } });
    fireEvent.click(within(standards).getByRole('checkbox', { name: /standards:read/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Create the role' }));
    expect(await screen.findByRole('heading', { name: 'SoA reviewer' })).not.toBeNull();
    expect(sent).toEqual({ name: 'SoA reviewer', description: null, permissions: ['standards:read'] });
    expect(screen.getByRole('button', { name: 'Edit the role' })).not.toBeNull();
  });

  it('edits a custom role with the version read, the API field error next to the name', async () => {
    const patches: unknown[] = [];
    const custom = { id: 9, name: 'Readers', description: null, is_system: false, user_count: 0, permissions: ['audits:read'], version: 4 };
    await renderAt('/roles/9', ['users:read', 'roles:admin'], async (request, url) => {
      if (url.pathname === '/api/v1/permissions') return json(200, catalogue);
      if (url.pathname !== '/api/v1/roles/9') return undefined;
      if (request.method !== 'PATCH') return json(200, custom);
      const body = (await request.json()) as { name: string };
      patches.push(body);
      if (body.name === '') {
        return json(422, { error_code: 'VALIDATION_ERROR', message: 'invalid', details: { fields: { name: 'must not be empty' } }, request_id: 'r' });
      }
      return json(200, { ...custom, ...body, version: 5 });
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit the role' }));
    expect((screen.getByRole('checkbox', { name: /audits:read/ }) as HTMLInputElement).checked).toBe(true);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the role' }));
    const problem = await screen.findByText('must not be empty');
    expect(screen.getByLabelText('Name').getAttribute('aria-describedby')).toBe(problem.id);
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Auditors' } });
    fireEvent.click(screen.getByRole('checkbox', { name: /standards:write/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save the role' }));
    expect(await screen.findByText('The role is saved.')).not.toBeNull();
    expect(screen.getByRole('heading', { name: 'Auditors' })).not.toBeNull();
    expect(patches[1]).toEqual({ name: 'Auditors', description: null, permissions: ['audits:read', 'standards:write'], version: 4 });
  });

  it('shows a system role read-only, even to a roles administrator', async () => {
    await renderAt('/roles/1', ['users:read', 'roles:admin'], (_request, url) => {
      if (url.pathname === '/api/v1/permissions') return json(200, catalogue);
      if (url.pathname === '/api/v1/roles/1') {
        return json(200, { id: 1, name: 'Auditor', description: null, is_system: true, user_count: 2, permissions: ['audits:read'], version: 1 });
      }
      return undefined;
    });
    expect(await screen.findByRole('heading', { name: 'Auditor' })).not.toBeNull();
    expect(screen.getByText('audits:read')).not.toBeNull();
    expect(screen.queryByText('standards:read')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit the role' })).toBeNull();
  });

  it('shows the navigation to standards and roles by permission', async () => {
    await renderAt('/', ['standards:read'], () => undefined);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Standards' })).not.toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Roles' })).toBeNull();
  });
});

describe('the dashboard', () => {
  it('shows SoA coverage and audit schedule compliance from the lists’ totals', async () => {
    const fetch = await renderAt('/', ['standards:read', 'audits:read'], (_request, url) => {
      const q = url.searchParams;
      if (url.pathname === '/api/v1/standards') return json(200, page([{ id: 4, code: 'ISO27001' }]));
      if (url.pathname === '/api/v1/standards/4/soa') {
        const total = q.get('implementation_status') === 'implemented' ? 30 : q.get('is_applicable') === 'true' ? 90 : 3;
        return json(200, page([], total));
      }
      if (url.pathname === '/api/v1/audits/runs') {
        if (q.get('overdue') === 'true') return json(200, page([], 1));
        if (q.get('status') === 'completed' && q.get('due_before')) return json(200, page([], 3));
        if (q.get('status') === 'scheduled,in_progress') return json(200, page([], 5));
      }
      return undefined;
    });
    expect(await screen.findByText('30 of 90 applicable controls implemented')).not.toBeNull();
    expect(screen.getByText('33%')).not.toBeNull();
    expect(screen.getByText('3 excluded')).not.toBeNull();
    const schedule = screen.getByRole('region', { name: 'Audit schedule compliance' });
    expect(within(schedule).getByText('75%')).not.toBeNull();
    expect(within(schedule).getByRole('link', { name: 'Overdue' }).closest('li')?.textContent).toContain('1');
    expect(within(schedule).getByRole('link', { name: 'Open, not overdue' }).closest('li')?.textContent).toContain('4');
    const standardsQuery = fetch.mock.calls.map(([r]) => new URL(r.url)).find((u) => u.pathname === '/api/v1/standards');
    expect(standardsQuery?.searchParams.get('code')).toBe('ISO27001');
  });
});
