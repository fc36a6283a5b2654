import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const emptyList = { items: [], total: 0, total_exact: true, page: 1, page_size: 20, pages: 0 };

// Signed in as a user holding `permissions`; the API answers /auth/me and empty lists.
async function renderAs(permissions: string[], path = '/') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const body = new URL(request.url).pathname === '/api/v1/auth/me'
        ? { first_name: 'Ada', full_name: 'Ada Auditor', is_superuser: false, permissions }
        : emptyList;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  vi.resetModules();
  const { session } = await import('./auth/session');
  session.start({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
  const { App } = await import('./App');
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
  await screen.findByText('Ada Auditor');
}

describe('the shell', () => {
  it('shows only the navigation the permissions allow', async () => {
    await renderAs(['findings:read']);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Findings' })).not.toBeNull();
    expect(within(nav).queryByRole('link', { name: 'Audits' })).toBeNull();
  });

  it('says so instead of showing a screen the permissions do not allow', async () => {
    await renderAs(['findings:read'], '/audits/runs');
    expect(await screen.findByText('Not available to you')).not.toBeNull();
  });

  it('offers scheduling only to those who may schedule', async () => {
    await renderAs(['audits:read'], '/audits/runs');
    await screen.findByText('No audit runs yet');
    expect(screen.queryByRole('link', { name: 'Schedule a run' })).toBeNull();
    cleanup();
    await renderAs(['audits:read', 'audits:write'], '/audits/runs');
    expect(await screen.findByRole('link', { name: 'Schedule a run' })).not.toBeNull();
  });

  it('sends a signed-out visitor to sign in', async () => {
    vi.resetModules();
    const { App } = await import('./App');
    render(
      <MemoryRouter initialEntries={['/findings']}>
        <App />
      </MemoryRouter>,
    );
    expect(await screen.findByRole('heading', { name: 'Sign in' })).not.toBeNull();
  });
});
