import { describe, expect, it } from 'vitest';
import { AppError } from '../domain/errors.ts';
import { SessionStore, type TokenVerifier } from './sessions.ts';

/** A verifier that accepts `good-*` tokens, as users named after them, until told otherwise. */
function fakeApiServer() {
  const state = { down: false, revoked: new Set<string>(), calls: 0 };
  const verify: TokenVerifier = async (c) => {
    state.calls++;
    if (state.down) throw new AppError('unavailable', 'API server down');
    const token = c.token.reveal();
    if (!token.startsWith('good-') || state.revoked.has(token))
      throw new AppError('unauthorized', 'Unauthorized');
    return { name: token.slice(5), groups: ['team'] };
  };
  return { state, verify };
}

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('SessionStore', () => {
  it('opens a session for an accepted token, under a random id, without showing the token', async () => {
    const { verify } = fakeApiServer();
    const store = new SessionStore(verify, { idleMs: 60_000 });
    const a = await store.signIn('good-alice');
    const b = await store.signIn('good-alice');
    expect(a.id).not.toBe(b.id);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.identity).toMatchObject({ name: 'alice', groups: ['team'], source: 'token' });
    expect(JSON.stringify(a.identity)).not.toContain('good-alice');
    expect((await store.identify(a.id))?.name).toBe('alice');
    await expect(store.signIn('bad')).rejects.toMatchObject({ code: 'unauthorized' });
    store.close();
  });

  it('ends a session at sign-out and after the idle timeout, aborting its signal', async () => {
    const { verify } = fakeApiServer();
    const c = clock();
    const store = new SessionStore(verify, { idleMs: 60_000, now: c.now });
    const a = await store.signIn('good-a');
    store.end(a.id);
    expect(a.identity.ended?.aborted).toBe(true);
    expect(await store.identify(a.id)).toBeNull();

    const b = await store.signIn('good-b');
    c.advance(59_000);
    expect(await store.identify(b.id)).not.toBeNull();
    c.advance(59_000); // used 59 s ago: still alive
    expect(await store.identify(b.id)).not.toBeNull();
    c.advance(60_001);
    expect(await store.identify(b.id)).toBeNull();
    expect(b.identity.ended?.aborted).toBe(true);
    store.close();
  });

  it('asks the API server again after a while: a revoked token ends the session, an outage does not', async () => {
    const { state, verify } = fakeApiServer();
    const c = clock();
    const store = new SessionStore(verify, { idleMs: 3_600_000, recheckMs: 10_000, now: c.now });
    const a = await store.signIn('good-a');
    const b = await store.signIn('good-b');
    c.advance(5_000);
    const calls = state.calls;
    await store.identify(a.id);
    expect(state.calls).toBe(calls);

    c.advance(10_000);
    state.down = true;
    expect((await store.identify(a.id))?.name).toBe('a');
    state.down = false;
    state.revoked.add('good-b');
    expect(await store.identify(b.id)).toBeNull();
    expect(b.identity.ended?.aborted).toBe(true);
    store.close();
  });

  it('keeps a bounded number of sessions, dropping the least recently used', async () => {
    const { verify } = fakeApiServer();
    const c = clock();
    const store = new SessionStore(verify, { idleMs: 3_600_000, maxSessions: 2, now: c.now });
    const a = await store.signIn('good-a');
    c.advance(1);
    const b = await store.signIn('good-b');
    c.advance(1);
    await store.identify(a.id);
    await store.signIn('good-c');
    expect(store.size).toBe(2);
    expect(await store.identify(b.id)).toBeNull();
    expect(await store.identify(a.id)).not.toBeNull();
    store.close();
  });
});
