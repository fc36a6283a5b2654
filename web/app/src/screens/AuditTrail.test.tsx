import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RecordHistory } from './AuditTrail';

afterEach(cleanup);

const entry = (id: number, action: string, changes: Record<string, { before: unknown; after: unknown }>, note: string | null = null) => ({
  id, occurred_at: `2026-12-06T10:0${id}:00.000001Z`, actor_user_id: 3, actor_email: 'qm@example.org', request_id: null,
  client_address: null, action, entity_type: 'audit_finding', entity_id: 7, changes, note, prev_hash: null, hash: '',
});

describe('the history of one record', () => {
  it('asks for the newest first, shows who changed what and why, and pages on request', async () => {
    const load = vi.fn(async (query: { page: number; page_size: number; sort: string }) => ({
      data: {
        items: query.page === 1
          ? [entry(2, 'transition', { status: { before: 'pending_verification', after: 'closed' } }, 'Aisle cleared')]
          : [entry(1, 'create', { title: { before: null, after: 'Housekeeping condition' } })],
        total: 2, total_exact: true, page: query.page, page_size: 1, pages: 2,
      },
    }));
    render(<RecordHistory load={load as never} refresh={1} />);
    const panel = await screen.findByRole('region', { name: 'History' });
    const changes = () => [...panel.querySelectorAll('.changes li')].map((li) => li.textContent);
    await vi.waitFor(() => expect(changes()).toEqual(['status: pending_verification → closed']));
    expect(within(panel).getByText('“Aisle cleared”')).not.toBeNull();
    expect(within(panel).getByText('qm@example.org')).not.toBeNull();
    expect(within(panel).getByText('2026-12-06 10:02:00 UTC')).not.toBeNull();
    expect(load).toHaveBeenLastCalledWith({ page: 1, page_size: 10, sort: '-occurred_at' });
    fireEvent.click(within(panel).getByRole('button', { name: 'Older' }));
    await vi.waitFor(() => expect(changes()).toEqual(['title: — → Housekeeping condition']));
    expect(load).toHaveBeenLastCalledWith({ page: 2, page_size: 10, sort: '-occurred_at' });
  });

  it('loads again when the record changes, and says when nothing is recorded', async () => {
    const load = vi.fn(async () => ({ data: { items: [], total: 0, total_exact: true, page: 1, page_size: 10, pages: 0 } }));
    const { rerender } = render(<RecordHistory load={load} refresh={1} />);
    await screen.findByText('No change recorded yet.');
    rerender(<RecordHistory load={load} refresh={2} />);
    await vi.waitFor(() => expect(load).toHaveBeenCalledTimes(2));
  });

  it('shows the failure', async () => {
    render(<RecordHistory load={async () => ({ error: { message: 'you may not read this' } })} />);
    expect(await screen.findByText('you may not read this')).not.toBeNull();
  });
});
