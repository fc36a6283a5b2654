import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const review = {
  id: 5,
  reference_number: 'MRV-2026-0001',
  title: 'Annual management review',
  standard_ids: [],
  planned_date: '2026-03-10',
  held_on: null,
  status: 'planned',
  allowed_transitions: ['held', 'cancelled'],
  chair_id: 1,
  attendees: [],
  inputs: [{ id: 9, review_id: 5, kind: 'objectives', summary: 'All objectives met', not_applicable: false }],
  outputs: [],
  minutes: null,
  actions: [],
  previous_actions: [
    { id: 3, reference_number: 'ACT-2026-0007', title: 'Recruit a metrologist', status: 'in_progress', management_review_id: 2, owner_id: 1, due_date: null, overdue: true },
  ],
  approved_at: null,
  approved_by_id: null,
  cancelled_at: null,
  cancellation_reason: null,
  version: 3,
};

// Signed in with `permissions`; `answer` gives the API's answer to every other request (and sees it).
async function renderAt(path: string, permissions: string[], answer: (request: Request) => Response) {
  const requests: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      if (new URL(request.url).pathname === '/api/v1/auth/me') {
        return json(200, { id: 1, first_name: 'Ada', full_name: 'Ada Chair', is_superuser: false, permissions });
      }
      requests.push(request.clone());
      return answer(request);
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
  await screen.findByText('Ada Chair');
  return requests;
}

describe('management reviews', () => {
  it('asks the API for the filters in the URL and offers the link only with reviews:read', async () => {
    const requests = await renderAt('/management-reviews?status=held&planned_from=2026-01-01', ['reviews:read'], () =>
      json(200, { items: [], total: 0, total_exact: true, page: 1, page_size: 20, pages: 0 }),
    );
    expect(await screen.findByText('No review matches these filters')).not.toBeNull();
    const query = new URL(requests[0]!.url).searchParams;
    expect(query.get('status')).toBe('held');
    expect(query.get('planned_from')).toBe('2026-01-01');
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Reviews' })).not.toBeNull();
    expect(screen.queryByRole('link', { name: 'Plan a review' })).toBeNull();
  });

  it('shows the inputs, what earlier reviews left open, and the API field errors next to their fields', async () => {
    await renderAt('/management-reviews/5', ['reviews:read', 'reviews:write'], (request) => {
      if (request.method === 'POST' && request.url.endsWith('/transitions')) {
        return json(422, {
          error_code: 'VALIDATION_ERROR',
          message: 'validation failed',
          details: { fields: { held_on: 'a management review is held on a day: set held_on' } },
          request_id: 'r',
        });
      }
      if (request.method === 'POST' && request.url.endsWith('/inputs')) {
        return json(422, {
          error_code: 'VALIDATION_ERROR',
          message: 'validation failed',
          details: { fields: { summary: 'must not be blank' } },
          request_id: 'r',
        });
      }
      return json(200, review);
    });
    expect(await screen.findByRole('heading', { name: 'Annual management review' })).not.toBeNull();
    expect(screen.getByText('All objectives met')).not.toBeNull();
    expect(screen.getByText('Recruit a metrologist')).not.toBeNull();
    expect(screen.getByText('Overdue')).not.toBeNull();
    // Recording an input: the summary's problem next to the summary.
    fireEvent.click(screen.getByRole('button', { name: 'Record the input' }));
    const summary = screen.getByLabelText('Summary (or why it does not apply)');
    const summaryError = await screen.findByText('must not be blank');
    expect(summary.getAttribute('aria-describedby')).toBe(summaryError.id);
    // Holding without the day: the problem next to "Held on".
    fireEvent.click(screen.getByRole('button', { name: 'Record as held' }));
    const heldError = await screen.findByText('a management review is held on a day: set held_on');
    expect(screen.getByLabelText('Held on').getAttribute('aria-describedby')).toBe(heldError.id);
  });
});
