import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

// The first import of the whole application transforms every screen: done once here, under a
// bound of its own, so that no test's own time includes it (each test re-imports it fresh).
beforeAll(async () => {
  await import('../App');
}, 120_000);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const emptyList = { items: [], total: 0, total_exact: true, page: 1, page_size: 20, pages: 0 };
const stamp = { created_at: '2026-12-06T10:00:00Z', updated_at: '2026-12-06T10:00:00Z', created_by_id: 1, updated_by_id: 1, version: 3 };
const template = {
  ...stamp,
  id: 1, reference_number: 'TPL-2026-0001', name: 'Warehouse safety inspection', description: null, category: null,
  audit_type: 'inspection', scoring_method: 'percentage', passing_score: 70, allow_offline: false, require_gps: false,
  require_signature: false, require_approval: false, auto_create_findings: true, standard_ids: [], frequency: null,
  status: 'draft', published_version_number: null, archived_at: null, archived_by_id: null,
  sections: [{ ...stamp, id: 5, title: 'Housekeeping', description: null, sort_order: 0, weight: 1, template_id: 1 }],
  questions: [
    {
      ...stamp, id: 8, section_id: 5, question_text: 'Housekeeping condition', description: null, help_text: null,
      question_type: 'choice', is_required: true, allow_na: false, is_critical: false, weight: 1, max_score: null,
      min_value: null, max_value: null, decimal_places: null, min_length: null, max_length: null, sort_order: 0,
      clause_ids: [], control_ids: [], template_id: 1, options: [],
    },
    {
      ...stamp, id: 9, section_id: 5, question_text: 'Are fire exits clear?', description: null, help_text: null,
      question_type: 'yes_no', is_required: true, allow_na: false, is_critical: true, weight: 1, max_score: null,
      min_value: null, max_value: null, decimal_places: null, min_length: null, max_length: null, sort_order: 1,
      clause_ids: [], control_ids: [], template_id: 1, options: [],
    },
  ],
};
const refusal = {
  error_code: 'VALIDATION_ERROR',
  message: 'the draft cannot be published',
  details: { fields: { 'questions[8].options': 'a choice question needs at least one option', passing_score: 'is a percentage for this scoring method: at most 100' } },
  request_id: 'r1',
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

// Signed in with `permissions`; the API answers the template, a refused publish and empty lists.
async function renderAs(permissions: string[], path: string) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      calls.push(`${request.method} ${url.pathname}`);
      if (url.pathname === '/api/v1/auth/me') return json({ first_name: 'Ada', full_name: 'Ada Auditor', is_superuser: false, permissions });
      if (url.pathname === '/api/v1/audits/templates/1') return json(template);
      if (url.pathname === '/api/v1/audits/templates/1/publish') return json(refusal, 422);
      return json(emptyList);
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
  return calls;
}

// Each test renders the whole application afresh: a generous bound for a loaded CI machine (the
// tests wait on what the screen shows, never on time).
const loaded = { timeout: 30_000 };

describe('the template builder', loaded, () => {
  it('shows a refused publish with each problem next to the question it names', async () => {
    await renderAs(['audits:read', 'audits:write'], '/audits/templates/1');
    fireEvent.click(await screen.findByRole('button', { name: 'Publish' }));
    const alert = await screen.findByText(/cannot be published yet: 2 problems/);
    expect(alert).not.toBeNull();
    const choice = document.getElementById('question-8') as HTMLElement;
    expect(within(choice).getByText('options: a choice question needs at least one option')).not.toBeNull();
    const other = document.getElementById('question-9') as HTMLElement;
    expect(within(other).queryByRole('list', { name: 'Problems' })).toBeNull();
    const templateProblems = document.getElementById('template-problems') as HTMLElement;
    expect(within(templateProblems).getByText('passing score: is a percentage for this scoring method: at most 100')).not.toBeNull();
  });

  it('offers no change to a reader, and the builder to a writer', async () => {
    await renderAs(['audits:read'], '/audits/templates/1');
    await screen.findByRole('heading', { name: 'Warehouse safety inspection' });
    expect(screen.queryByRole('button', { name: 'Publish' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add a section' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit/ })).toBeNull();
    cleanup();
    await renderAs(['audits:read', 'audits:write'], '/audits/templates/1');
    await screen.findByRole('heading', { name: 'Warehouse safety inspection' });
    expect(screen.getByRole('button', { name: 'Add a section' })).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Edit Housekeeping condition' })).not.toBeNull();
  });

  it('links the template’s history to the audit trail only for those who may read the trail', async () => {
    await renderAs(['audits:read'], '/audits/templates/1');
    await screen.findByRole('heading', { name: 'History of this template' });
    expect(screen.queryByRole('link', { name: 'In the audit trail' })).toBeNull();
    cleanup();
    await renderAs(['audits:read', 'audit:read'], '/audits/templates/1');
    const link = await screen.findByRole('link', { name: 'In the audit trail' });
    expect(link.getAttribute('href')).toBe('/audit-trail?entity_type=audit_template&entity_id=1');
  });

  it('shows the questions in the order a run asks them, numbered', async () => {
    await renderAs(['audits:read'], '/audits/templates/1');
    await screen.findByRole('heading', { name: 'Housekeeping' });
    const items = screen.getAllByRole('listitem').filter((li) => li.id.startsWith('question-'));
    expect(items.map((li) => li.id)).toEqual(['question-8', 'question-9']);
  });
});

describe('the navigation', loaded, () => {
  it('links the templates and the audit trail only with their permissions', async () => {
    await renderAs(['audits:read'], '/');
    let nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Templates' })).not.toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Audit trail' })).toBeNull();
    cleanup();
    await renderAs(['audit:read'], '/');
    nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Templates' })).toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Audit trail' })).not.toBeNull();
  });

  it('loads the trail with the filters of its URL', async () => {
    const calls = await renderAs(['audit:read'], '/audit-trail?entity_type=audit_template&action=publish&occurred_after=2026-12-01T00:00:00Z');
    await screen.findByText('No entry matches these filters');
    const fetchMock = vi.mocked(fetch);
    const trail = fetchMock.mock.calls.map(([r]) => new URL((r as Request).url)).find((u) => u.pathname === '/api/v1/audit-log');
    expect(calls).toContain('GET /api/v1/audit-log');
    expect(trail?.searchParams.get('entity_type')).toBe('audit_template');
    expect(trail?.searchParams.get('action')).toBe('publish');
    expect(trail?.searchParams.get('occurred_after')).toBe('2026-12-01T00:00:00Z');
    expect((screen.getByLabelText('From') as HTMLInputElement).value).toBe('2026-12-01');
  });
});
