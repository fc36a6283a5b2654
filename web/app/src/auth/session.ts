// The signed-in session: the API's token pair, kept in memory and in sessionStorage (this tab
// only, gone when it closes; never a cookie). The access token is refreshed a minute before it
// expires (the refresh token rotates, ADR-0005); when that fails the session ends with a message
// and the app returns to the sign-in screen.

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

interface Stored {
  access: string;
  refresh: string;
  expiresAt: number; // ms since the epoch
}

const kStorageKey = 'qgp.session.v1';
const kRefreshMargin = 60_000;

type Listener = () => void;

class Session {
  private tokens: Stored | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private refreshing: Promise<boolean> | null = null;
  private listeners = new Set<Listener>();
  // Why the last session ended, shown on the sign-in screen.
  endedBecause = '';

  constructor() {
    try {
      const raw = sessionStorage.getItem(kStorageKey);
      this.tokens = raw ? (JSON.parse(raw) as Stored) : null;
    } catch {
      this.tokens = null;
    }
    if (this.tokens) this.schedule();
  }

  get accessToken(): string | null {
    return this.tokens?.access ?? null;
  }

  get signedIn(): boolean {
    return this.tokens !== null;
  }

  start(pair: TokenPair): void {
    this.endedBecause = '';
    this.store({
      access: pair.access_token,
      refresh: pair.refresh_token,
      expiresAt: Date.now() + pair.expires_in * 1000,
    });
  }

  // Ends the session; `reason` is shown on the sign-in screen (empty: the user signed out).
  end(reason = ''): void {
    this.endedBecause = reason;
    this.store(null);
  }

  // A fresh access token when the current one is close to expiry (or `force`); false when the
  // session could not be renewed (it has then ended).
  refresh(force = false): Promise<boolean> {
    const tokens = this.tokens;
    if (!tokens) return Promise.resolve(false);
    if (!force && tokens.expiresAt - Date.now() > kRefreshMargin) return Promise.resolve(true);
    if (!this.refreshing) {
      this.refreshing = this.renew(tokens.refresh).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  refreshToken(): string | null {
    return this.tokens?.refresh ?? null;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async renew(refreshToken: string): Promise<boolean> {
    let response: Response;
    try {
      response = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
      });
    } catch {
      // Offline: keep the session; the next request or timer tries again.
      this.schedule(30_000);
      return false;
    }
    if (!response.ok) {
      this.end('Your session has expired. Sign in again to continue.');
      return false;
    }
    this.start((await response.json()) as TokenPair);
    return true;
  }

  private store(tokens: Stored | null): void {
    this.tokens = tokens;
    if (tokens) sessionStorage.setItem(kStorageKey, JSON.stringify(tokens));
    else sessionStorage.removeItem(kStorageKey);
    this.schedule();
    for (const listener of this.listeners) listener();
  }

  private schedule(delay?: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.tokens) return;
    const wait = delay ?? Math.max(0, this.tokens.expiresAt - Date.now() - kRefreshMargin);
    this.timer = setTimeout(() => void this.refresh(true), wait);
  }
}

export const session = new Session();
