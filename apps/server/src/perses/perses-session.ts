// The console's credentials for Perses: none, a fixed bearer token, or a native login whose access
// token is refreshed before it expires and replaced by a new login when Perses refuses it.
import { z } from 'zod';
import type { Secret } from '../domain/secret.ts';
import { persesBadAnswer, persesStatusError } from './perses-errors.ts';
import type { PersesHttp } from './perses-http.ts';

export type PersesAuth =
  | { type: 'none' }
  | { type: 'bearer'; token: Secret }
  | { type: 'native'; user: string; password: Secret };

/** What the client counts of its sign-ins, for tests and metrics. */
export interface AuthActivity {
  logins: number;
  refreshes: number;
  /** Logins because Perses refused a token it had issued (401), not because it expired. */
  relogins: number;
}

export interface PersesSession {
  /** The token for the next call (after a login or refresh when due), or none. */
  token(): Promise<string | undefined>;
  /** Perses refused `rejected` (401): whether a fresh token now exists to retry with. */
  renew(rejected: string | undefined): Promise<boolean>;
  activity(): AuthActivity;
}

const LOGIN_PATH = '/api/auth/providers/native/login';
const REFRESH_PATH = '/api/auth/refresh';

// An oauth2.Token as Perses v0.54.0 writes it; expires_in is the access token TTL in seconds.
const TokenAnswer = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().optional(),
  expires_in: z.number().positive().optional(),
});

/** When to refresh: a quarter of the lifetime early, at most a minute early. */
export function refreshDueAt(receivedAt: number, expiresInSeconds: number | undefined): number {
  if (expiresInSeconds === undefined) return Number.POSITIVE_INFINITY;
  const ttl = expiresInSeconds * 1000;
  return receivedAt + ttl - Math.min(60_000, ttl / 4);
}

export function createSession(
  auth: PersesAuth,
  http: PersesHttp,
  now: () => number = Date.now,
): PersesSession {
  if (auth.type === 'native') return new NativeSession(http, auth.user, auth.password, now);
  const token = auth.type === 'bearer' ? auth.token : undefined;
  return {
    token: async () => token?.reveal(),
    // A fixed token cannot be renewed: the refusal stands.
    renew: async () => false,
    activity: () => ({ logins: 0, refreshes: 0, relogins: 0 }),
  };
}

interface Tokens {
  access: string;
  refresh: string | undefined;
  refreshAt: number;
}

class NativeSession implements PersesSession {
  private tokens: Tokens | null = null;
  private pending: Promise<void> | null = null;
  private counts: AuthActivity = { logins: 0, refreshes: 0, relogins: 0 };

  constructor(
    private readonly http: PersesHttp,
    private readonly user: string,
    private readonly password: Secret,
    private readonly now: () => number,
  ) {}

  activity(): AuthActivity {
    return { ...this.counts };
  }

  async token(): Promise<string | undefined> {
    if (this.pending) await this.pending;
    if (!this.tokens) await this.once(() => this.login());
    else if (this.now() >= this.tokens.refreshAt) await this.once(() => this.refresh());
    return this.tokens?.access;
  }

  async renew(rejected: string | undefined): Promise<boolean> {
    if (this.pending) await this.pending.catch(() => undefined);
    // Another call already replaced the refused token.
    if (this.tokens && this.tokens.access !== rejected) return true;
    this.tokens = null;
    await this.once(async () => {
      await this.login();
      this.counts.relogins++;
    });
    return true;
  }

  /** Concurrent callers share one login or refresh. */
  private once(step: () => Promise<void>): Promise<void> {
    this.pending ??= step().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async login(): Promise<void> {
    const what = `login of user "${this.user}"`;
    const res = await this.http.send('POST', LOGIN_PATH, {
      body: { login: this.user, password: this.password.reveal() },
    });
    // A wrong password is a 400 from Perses; either way the console's credentials are at fault.
    if (res.status !== 200)
      throw persesStatusError(res.status === 400 ? 401 : res.status, res.text, what);
    this.tokens = this.read(res.text, what);
    this.counts.logins++;
  }

  private async refresh(): Promise<void> {
    const refresh = this.tokens?.refresh;
    if (refresh === undefined) return this.login();
    const res = await this.http.send('POST', REFRESH_PATH, { body: { refresh_token: refresh } });
    // An expired or unknown refresh token (400, or 401 from some proxies): log in again.
    if (res.status === 400 || res.status === 401) return this.login();
    if (res.status !== 200) throw persesStatusError(res.status, res.text, 'token refresh');
    this.tokens = { ...this.read(res.text, 'token refresh'), refresh };
    this.counts.refreshes++;
  }

  private read(text: string, what: string): Tokens {
    let parsed;
    try {
      parsed = TokenAnswer.safeParse(JSON.parse(text));
    } catch {
      throw persesBadAnswer(what, 'not JSON');
    }
    if (!parsed.success) throw persesBadAnswer(what, 'no access_token');
    return {
      access: parsed.data.access_token,
      refresh: parsed.data.refresh_token,
      refreshAt: refreshDueAt(this.now(), parsed.data.expires_in),
    };
  }
}
