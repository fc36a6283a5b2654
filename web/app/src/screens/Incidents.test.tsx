import { cleanup, configure, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { csvResponse, spyOnDownloads } from '../lib/downloadSpy';
import { RiddorLine } from './Incidents';
import { signOffOffered } from './Investigation';

// Each test renders the whole application afresh: generous bounds for a loaded CI machine (the tests
// wait on what the screen shows, never on time).
configure({ asyncUtilTimeout: 10_000 });
const loaded = { timeout: 30_000 };

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  sessionStorage.clear();
  localStorage.clear();
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const emptyList = { items: [], total: 0, page: 1, page_size: 20, pages: 0 };
type Answer = (request: Request) => Response | Promise<Response>;

// Signed in as user 7 holding `permissions`; `answer` answers everything but /auth/me.
async function renderAs(permissions: string[], path: string, answer: Answer = () => json(200, emptyList)) {
  const fetch = vi.fn(async (request: Request) =>
    new URL(request.url).pathname === '/api/v1/auth/me'
      ? json(200, { id: 7, first_name: 'Erin', full_name: 'Erin Employee', is_superuser: false, permissions })
      : answer(request),
  );
  vi.stubGlobal('fetch', fetch);
  vi.resetModules();
  const { session } = await import('../auth/session');
  session.start({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
  const { App } = await import('../App');
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
  await screen.findByText('Erin Employee');
  return fetch;
}

const reports = (fetch: ReturnType<typeof vi.fn>) =>
  fetch.mock.calls.filter(([r]) => (r as Request).method === 'POST' && new URL((r as Request).url).pathname === '/api/v1/incidents');

describe('the navigation', loaded, () => {
  it('offers an employee the report and not the register', async () => {
    await renderAs(['incidents:report'], '/');
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Report an incident' })).not.toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Incidents' })).toBeNull();
  });

  it('offers the register to a reader, and refuses the report form without incidents:report', async () => {
    await renderAs(['incidents:read'], '/report');
    expect(await screen.findByText('Not available to you')).not.toBeNull();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Incidents' })).not.toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Report an incident' })).toBeNull();
  });
});

describe('reporting on a phone', loaded, () => {
  it('keeps the report when the network drops, sends it again once, and shows the reference', async () => {
    let online = false;
    let release: () => void = () => undefined;
    const fetch = await renderAs(['incidents:report'], '/report', async () => {
      if (!online) throw new TypeError('Failed to fetch');
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return json(201, { id: 5, reference_number: 'INC-2026-0042' });
    });
    fireEvent.change(await screen.findByLabelText('What happened, in a few words'), { target: { value: 'Slip' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Not sent/);
    expect(JSON.parse(localStorage.getItem('qgp.incident-report.7') ?? '{}').title).toBe('Slip');

    online = true;
    fireEvent.click(screen.getByRole('button', { name: 'Send again' }));
    const sending = await screen.findByRole('button', { name: 'Sending…' });
    expect((sending as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(sending);
    fireEvent.submit(sending.closest('form')!);
    release();
    expect(await screen.findByText('INC-2026-0042')).not.toBeNull();
    expect(screen.getByRole('heading', { name: 'Report sent' })).not.toBeNull();
    expect(reports(fetch)).toHaveLength(2);
    expect(localStorage.getItem('qgp.incident-report.7')).toBeNull();
  });

  it("shows the API's problem next to its field and keeps the draft", async () => {
    await renderAs(['incidents:report'], '/report', () =>
      json(422, {
        error_code: 'VALIDATION_ERROR',
        message: 'the request is invalid',
        details: { fields: { occurred_at: 'must not be in the future', 'people[0].name': 'must not be empty' } },
        request_id: 'r',
      }),
    );
    fireEvent.change(await screen.findByLabelText('What happened, in a few words'), { target: { value: 'Slip' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a person who was hurt' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send the report' }));
    const problem = await screen.findByText('must not be in the future');
    expect(screen.getByLabelText('When it happened').getAttribute('aria-describedby')).toBe(problem.id);
    const name = screen.getByLabelText('Name of person hurt 1');
    expect(name.getAttribute('aria-describedby')).toBe(screen.getByText('must not be empty').id);
    expect(localStorage.getItem('qgp.incident-report.7')).not.toBeNull();
  });

  it('restores an unsent report after a reload', async () => {
    localStorage.setItem('qgp.incident-report.7', JSON.stringify({ title: 'Burn at the fryer', hurt: [], witnesses: [] }));
    await renderAs(['incidents:report'], '/report');
    expect(((await screen.findByLabelText('What happened, in a few words')) as HTMLInputElement).value).toBe('Burn at the fryer');
    expect(screen.getByText('Your unsent report was restored.')).not.toBeNull();
  });
});

describe('the register', loaded, () => {
  it('shows the overdue RIDDOR reports and sends the filters of the URL to the API', async () => {
    const fetch = await renderAs(['incidents:read'], '/incidents?riddor_overdue=true&severity=high', (request) =>
      new URL(request.url).pathname === '/api/v1/incidents/statistics'
        ? json(200, { total: 9, open: 4, riddor_due: 3, riddor_overdue: 2, by_status: {}, by_type: {}, by_severity: {} })
        : json(200, emptyList),
    );
    expect((await screen.findByRole('link', { name: /2\s*RIDDOR reports overdue/ })).getAttribute('href')).toBe('/incidents?riddor_overdue=true');
    await screen.findByText('No incident matches these filters');
    const list = fetch.mock.calls.map(([r]) => new URL((r as Request).url)).find((u) => u.pathname === '/api/v1/incidents')!;
    expect(list.searchParams.get('riddor_overdue')).toBe('true');
    expect(list.searchParams.get('severity')).toBe('high');
    expect((screen.getByLabelText('RIDDOR overdue') as HTMLInputElement).checked).toBe(true);
  });

  it('downloads as CSV with the session token, under the name the API gives', async () => {
    const downloads = spyOnDownloads();
    let authorization = '';
    await renderAs(['incidents:read'], '/incidents', (request) => {
      if (new URL(request.url).pathname !== '/api/v1/incidents/export.csv') return json(200, emptyList);
      authorization = request.headers.get('Authorization') ?? '';
      return csvResponse('reference_number,title\r\n', 'incidents-2026-12-07.csv');
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Download CSV' }));
    await vi.waitFor(() => expect(downloads.names).toEqual(['incidents-2026-12-07.csv']));
    expect(authorization).toBe('Bearer a');
    expect(await downloads.text()).toBe('reference_number,title\r\n');
  });
});

describe('the sign-off', loaded, () => {
  it('is offered to a holder of investigations:signoff in review even when the API does not list it', () => {
    expect(signOffOffered({ status: 'in_review', allowed_transitions: ['open'] }, true)).toEqual(['signed_off']);
    expect(signOffOffered({ status: 'in_review', allowed_transitions: ['open', 'signed_off'] }, true)).toEqual([]);
    expect(signOffOffered({ status: 'in_review', allowed_transitions: ['open'] }, false)).toEqual([]);
    expect(signOffOffered({ status: 'open', allowed_transitions: ['in_review'] }, true)).toEqual([]);
  });
});

describe('the RIDDOR line of an incident', loaded, () => {
  const line = (facts: Record<string, unknown>) => {
    const { container } = render(<RiddorLine incident={facts as never} />);
    const text = container.textContent;
    cleanup();
    return text;
  };
  it('says what was decided, by when the report is due, and whether it is late or made', () => {
    expect(line({ riddor_reportable: null })).toBe('RIDDOR: not decided yet');
    expect(line({ riddor_reportable: false, riddor_category: null })).toBe('RIDDOR: not reportable');
    expect(line({ riddor_reportable: false, riddor_category: 'over_three_day_incapacitation' })).toBe(
      'RIDDOR: Over three day incapacitation, recorded, not reported',
    );
    const due = { riddor_reportable: true, riddor_category: 'over_seven_day_incapacitation', riddor_due_date: '2026-12-05' };
    expect(line({ ...due, riddor_overdue: true })).toBe('RIDDOR: Over seven day incapacitation, report due by 2026-12-05 · overdue');
    expect(line({ ...due, riddor_reported_at: '2026-12-01T10:00:00Z', hse_reference: 'RIDDOR-44817' })).toBe(
      'RIDDOR: Over seven day incapacitation, report due by 2026-12-05 · reported to HSE (RIDDOR-44817)',
    );
  });
});

const incident = {
  id: 1, version: 3, reference_number: 'INC-2026-0001', title: 'Hand caught in the press guard', description: 'Guard closed',
  incident_type: 'injury', severity: 'high', status: 'review', allowed_transitions: ['actions', 'closed'],
  occurred_at: '2026-11-20T14:30:00Z', occurred_on: '2026-11-20', reported_at: '2026-11-20T15:00:00Z', people: [],
  first_aid_given: false, emergency_services_called: false, work_related: true, gas_incident: false, riddor_reportable: true,
  riddor_category: 'over_seven_day_incapacitation', riddor_due_date: '2026-12-05', riddor_overdue: false,
  riddor_reported_at: '2026-11-30T09:00:00Z', hse_reference: 'RIDDOR-44817',
};
const assessment = {
  category: 'over_seven_day_incapacitation', reportable: true, notify_without_delay: false, regulation: 'reg. 4(2)',
  counted_from: '2026-11-20', report_due_date: '2026-12-05', rationale: 'more than seven days',
};
const detailApi: Answer = (request) => {
  const path = new URL(request.url).pathname;
  if (path === '/api/v1/incidents/1') return json(200, incident);
  if (path === '/api/v1/incidents/1/riddor-assessment') return json(200, assessment);
  return json(200, emptyList);
};

describe('one incident', loaded, () => {
  it('shows a reader the facts and the RIDDOR proposal, and no move, decision or action form', async () => {
    await renderAs(['incidents:read'], '/incidents/1', detailApi);
    await screen.findByRole('heading', { name: 'Hand caught in the press guard' });
    expect(await screen.findByText('reg. 4(2)')).not.toBeNull();
    expect(screen.queryByRole('heading', { name: 'Move this incident' })).toBeNull();
    expect(screen.queryByRole('form', { name: 'RIDDOR decision' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Actions' })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Investigations' })).toBeNull();
  });

  it('offers the override reason for closing only with incidents:close_override', async () => {
    await renderAs(['incidents:read', 'incidents:write'], '/incidents/1', detailApi);
    await screen.findByRole('heading', { name: 'Move this incident' });
    expect(screen.getByRole('button', { name: 'Close' })).not.toBeNull();
    expect(screen.getByRole('button', { name: 'Send back to actions' })).not.toBeNull();
    expect(screen.queryByLabelText('Override reason (closing with open actions)')).toBeNull();
    cleanup();
    await renderAs(['incidents:read', 'incidents:write', 'incidents:close_override'], '/incidents/1', detailApi);
    expect(await screen.findByLabelText('Override reason (closing with open actions)')).not.toBeNull();
  });

  it('classifies the incident with the version read, clearing what was emptied', async () => {
    const fetch = await renderAs(['incidents:read', 'incidents:write'], '/incidents/1', (request) =>
      request.method === 'PATCH' ? json(200, incident) : detailApi(request),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Classify' }));
    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'critical' } });
    fireEvent.click(screen.getByLabelText('Work-related (RIDDOR applies only then)'));
    fireEvent.click(screen.getByRole('button', { name: 'Save the classification' }));
    await screen.findByRole('button', { name: 'Classify' });
    const patch = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.method === 'PATCH')!;
    expect(await patch.json()).toEqual({
      version: 3, incident_type: 'injury', severity: 'critical', department: null, assigned_to_id: null,
      work_related: false, gas_incident: false, diagnosed_on: null,
    });
  });

  it('sends the override with the move to closed and shows the refusal the API gives', async () => {
    const fetch = await renderAs(['incidents:read', 'incidents:write', 'incidents:close_override'], '/incidents/1', (request) =>
      request.method === 'POST'
        ? json(409, { error_code: 'CONFLICT', message: '1 investigation(s) of the incident not signed off (INV-2026-0001)', details: {}, request_id: 'r' })
        : detailApi(request),
    );
    fireEvent.change(await screen.findByLabelText('Override reason (closing with open actions)'), { target: { value: 'Tracked elsewhere' } });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/INV-2026-0001/);
    const move = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.method === 'POST')!;
    expect(await move.json()).toEqual({ to: 'closed', note: null, closure_override_reason: 'Tracked elsewhere' });
  });
});

const investigation = {
  id: 3, version: 4, reference_number: 'INV-2026-0001', title: 'Press guard injury', incident_id: 1, status: 'in_review',
  allowed_transitions: ['open'], investigator_id: 7, root_cause: 'No interlock', action_ids: [],
  factors: [{ id: 21, version: 2, investigation_id: 3, category: 'machine', factor: 'No interlock' }],
  whys: [
    { id: 11, version: 1, investigation_id: 3, position: 2, why: 'Why was the guard open?', answer: 'Jam' },
    { id: 10, version: 1, investigation_id: 3, position: 1, why: 'Why was the hand caught?', answer: 'Guard closed' },
  ],
};

describe('an investigation', loaded, () => {
  it('shows the whys in their order and corrects one with the version read', async () => {
    const fetch = await renderAs(['investigations:read', 'investigations:write'], '/investigations/3', (request) =>
      request.method === 'PATCH' ? json(200, {}) : json(200, new URL(request.url).pathname === '/api/v1/investigations/3' ? investigation : emptyList),
    );
    const items = within((await screen.findByRole('heading', { name: '5 whys' })).closest('section')!).getAllByRole('listitem');
    expect(items.map((li) => li.querySelector('strong')?.textContent)).toEqual(['Why was the hand caught?', 'Why was the guard open?']);
    fireEvent.click(screen.getByRole('button', { name: 'Correct why 2' }));
    fireEvent.change(screen.getByLabelText('Because'), { target: { value: 'A jam, cleared with the press running' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the why' }));
    await screen.findByRole('button', { name: 'Add the why' });
    const patch = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.method === 'PATCH')!;
    expect(new URL(patch.url).pathname).toBe('/api/v1/investigation-whys/11');
    expect(await patch.json()).toEqual({ version: 1, why: 'Why was the guard open?', answer: 'A jam, cleared with the press running' });
  });

  it('corrects a contributing factor, its category too, with the version read', async () => {
    const fetch = await renderAs(['investigations:read', 'investigations:write'], '/investigations/3', (request) =>
      request.method === 'PATCH' ? json(200, {}) : json(200, new URL(request.url).pathname === '/api/v1/investigations/3' ? investigation : emptyList),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Correct the factor No interlock' }));
    const form = screen.getByRole('form', { name: 'Correct the factor No interlock' });
    fireEvent.change(within(form).getByLabelText('Category'), { target: { value: 'method' } });
    fireEvent.change(within(form).getByLabelText('Factor'), { target: { value: ' No procedure for clearing jams ' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save the factor' }));
    await screen.findByRole('button', { name: 'Add the factor' });
    const patch = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.method === 'PATCH')!;
    expect(new URL(patch.url).pathname).toBe('/api/v1/investigation-factors/21');
    expect(await patch.json()).toEqual({ version: 2, category: 'method', factor: 'No procedure for clearing jams' });
  });

  it("offers the investigator's own sign-off and shows the API's refusal", async () => {
    await renderAs(['investigations:read', 'investigations:write', 'investigations:signoff'], '/investigations/3', (request) =>
      request.method === 'POST'
        ? json(403, { error_code: 'FORBIDDEN', message: 'an investigation is signed off by someone other than its investigator', details: {}, request_id: 'r' })
        : json(200, new URL(request.url).pathname === '/api/v1/investigations/3' ? investigation : emptyList),
    );
    expect(await screen.findByText(/led by you/)).not.toBeNull();
    fireEvent.click(await screen.findByRole('button', { name: 'Sign off' }));
    expect((await screen.findByRole('alert')).textContent).toBe('an investigation is signed off by someone other than its investigator');
    expect(screen.getByRole('button', { name: 'Send back' })).not.toBeNull();
  });
});
