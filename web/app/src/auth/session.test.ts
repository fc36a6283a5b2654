import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const pair = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: 900 });

// A fresh module per test: the session reads sessionStorage when it is created.
async function freshSession() {
  vi.resetModules();
  return (await import('./session')).session;
}

describe('session', () => {
  beforeEach(() => {
    sessionStorage.clear();
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('keeps the tokens in sessionStorage only, so a reload of the tab stays signed in', async () => {
    const session = await freshSession();
    session.start(pair(1));
    expect(document.cookie).toBe('');
    expect(JSON.parse(sessionStorage.getItem('qgp.session.v1') ?? '{}').access).toBe('access-1');
    const reloaded = await freshSession();
    expect(reloaded.accessToken).toBe('access-1');
  });

  it('refreshes a minute before the access token expires, with the rotating refresh token', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(pair(2)), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const session = await freshSession();
    session.start(pair(1));
    await vi.advanceTimersByTimeAsync(838_000);
    expect(fetch).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/auth/refresh');
    expect(JSON.parse(String(init.body))).toEqual({ refresh_token: 'refresh-1' });
    expect(session.accessToken).toBe('access-2');
    expect(session.refreshToken()).toBe('refresh-2');
  });

  it('ends with a message when the session cannot be renewed', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 401 })));
    const session = await freshSession();
    session.start(pair(1));
    let told = 0;
    session.subscribe(() => told++);
    expect(await session.refresh(true)).toBe(false);
    expect(session.signedIn).toBe(false);
    expect(session.endedBecause).toMatch(/session has expired/);
    expect(sessionStorage.getItem('qgp.session.v1')).toBeNull();
    expect(told).toBe(1);
  });

  it('keeps the session when the network is down, to try again', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const session = await freshSession();
    session.start(pair(1));
    expect(await session.refresh(true)).toBe(false);
    expect(session.signedIn).toBe(true);
  });

  it('asks for one refresh however many requests need it at once', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(pair(2)), { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    const session = await freshSession();
    session.start({ ...pair(1), expires_in: 30 }); // already inside the last minute
    await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
