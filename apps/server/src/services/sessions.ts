// Token-mode sessions: a person's Kubernetes token is checked with the API server, then kept
// here, in memory, behind a random session id; only the id travels to the browser (in a cookie
// set by the route). A session ends at sign-out, after the idle timeout, or when the API server
// stops accepting its token; its `ended` signal closes whatever is still open for it.
import { randomBytes } from 'node:crypto';
import { AppError } from '../domain/errors.ts';
import type { Identity } from '../domain/identity.ts';
import { Secret } from '../domain/secret.ts';

/** Asks the API server who a token belongs to; throws `unauthorized` when it refuses it. */
export type TokenVerifier = (
  credential: Extract<Identity['credential'], { type: 'token' }>,
) => Promise<{ name: string; groups: string[] }>;

interface Session {
  identity: Identity;
  controller: AbortController;
  lastUsed: number;
  checkedAt: number;
}

export interface SessionOptions {
  idleMs: number;
  /** How long an accepted token is believed before the API server is asked again. */
  recheckMs?: number;
  maxSessions?: number;
  now?: () => number;
}

export class SessionStore {
  private sessions = new Map<string, Session>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly verify: TokenVerifier,
    private readonly options: SessionOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.sweep(), Math.min(options.idleMs, 60_000));
    this.sweeper.unref();
  }

  get idleMs(): number {
    return this.options.idleMs;
  }

  /** Checks the token with the API server and opens a session for whoever it belongs to. */
  async signIn(token: string): Promise<{ id: string; identity: Identity }> {
    const credential = { type: 'token' as const, token: new Secret(token) };
    let user: { name: string; groups: string[] };
    try {
      user = await this.verify(credential);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'unauthorized' || err.code === 'forbidden'))
        throw new AppError('unauthorized', 'the Kubernetes API server does not accept this token');
      throw err;
    }
    const controller = new AbortController();
    const identity: Identity = {
      name: user.name,
      groups: user.groups,
      source: 'token',
      credential,
      ended: controller.signal,
    };
    if (this.sessions.size >= (this.options.maxSessions ?? 10_000)) this.evictOldest();
    const id = randomBytes(32).toString('base64url');
    const at = this.now();
    this.sessions.set(id, { identity, controller, lastUsed: at, checkedAt: at });
    return { id, identity };
  }

  /** The session's identity, refreshing its idle timer; null when there is no such session. */
  async identify(id: string): Promise<Identity | null> {
    const s = this.sessions.get(id);
    if (!s) return null;
    const at = this.now();
    if (at - s.lastUsed > this.options.idleMs) {
      this.end(id);
      return null;
    }
    s.lastUsed = at;
    if (at - s.checkedAt > (this.options.recheckMs ?? 60_000)) {
      const credential = s.identity.credential as Parameters<TokenVerifier>[0];
      try {
        await this.verify(credential);
        s.checkedAt = this.now();
      } catch (err) {
        // Expired or revoked: the session ends. An API server that cannot answer ends nothing.
        if (err instanceof AppError && err.code === 'unauthorized') {
          this.end(id);
          return null;
        }
      }
    }
    return s.identity;
  }

  end(id: string): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    s.controller.abort();
  }

  /** Ends every session: the server is stopping. */
  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.sessions.keys()]) this.end(id);
  }

  get size(): number {
    return this.sessions.size;
  }

  private sweep(): void {
    const at = this.now();
    for (const [id, s] of this.sessions) if (at - s.lastUsed > this.options.idleMs) this.end(id);
  }

  private evictOldest(): void {
    let oldest: string | undefined;
    let when = Infinity;
    for (const [id, s] of this.sessions) {
      if (s.lastUsed < when) {
        when = s.lastUsed;
        oldest = id;
      }
    }
    if (oldest !== undefined) this.end(oldest);
  }
}
