// The Perses client's credentials against a real Perses v0.54.0 with native auth on (its own
// process, short-lived access tokens, read-only guest permissions): login, refresh before expiry,
// a new login when Perses stops accepting the token, bearer tokens, and tokens in cookies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExtraPerses, type ExtraPerses } from '@perses-cm/stack';
import { Secret } from '../domain/secret.ts';
import { eventually } from '../testing/sse.ts';
import { PersesClient, type PersesAuth } from './perses-client.ts';
import { directTransport } from './transport.ts';
import { failure, loginToken as login } from '../testing/perses.ts';

const USER = 'console-bot';
const PASSWORD = 'a long test password';
const authConfig = (encryptionKey: string, accessTokenTtl = '4s') => ({
  security: {
    enable_auth: true,
    encryption_key: encryptionKey,
    authentication: { access_token_ttl: accessTokenTtl, providers: { enable_native: true } },
    authorization: {
      provider: { native: { guest_permissions: [{ actions: ['read'], scopes: ['*'] }] } },
    },
  },
});

let perses: ExtraPerses;
const native: PersesAuth = { type: 'native', user: USER, password: new Secret(PASSWORD) };
const clientFor = (auth: PersesAuth, tokenIn: 'header' | 'cookie' = 'header') =>
  new PersesClient({ ...directTransport(perses.url), tokenIn }, auth);

beforeAll(async () => {
  perses = await startExtraPerses(authConfig('k'.repeat(32)));
  // Sign-up is open (anonymous POST of a User) unless disable_sign_up is set.
  await clientFor({ type: 'none' }).create({
    kind: 'User',
    metadata: { name: USER },
    spec: { nativeProvider: { password: PASSWORD } },
  });
});
afterAll(async () => perses?.stop());

describe('Perses with native auth', () => {
  it('refuses a console without credentials, saying so', async () => {
    const err = await failure(clientFor({ type: 'none' }).list('Project'));
    expect(err.code).toBe('upstream_error');
    expect(err.message).toMatch(/refused the console's credentials.*jwt/);
    expect(err.details).toEqual({ status: 401 });
  });

  it('logs in, then refreshes the access token before it expires instead of logging in again', async () => {
    const client = clientFor(native);
    await client.list('Project');
    expect(client.authActivity()).toEqual({ logins: 1, refreshes: 0, relogins: 0 });
    // Tokens live 4 s and are refreshed from 3 s on: keep calling until one is refreshed.
    await eventually(
      async () => {
        await client.list('Project');
        return client.authActivity().refreshes >= 1;
      },
      15_000,
      'a refresh',
    );
    expect(client.authActivity().logins).toBe(1);
  });

  it('maps what the user may not do to forbidden, with Perses’s message', async () => {
    const err = await failure(
      clientFor(native).create({ kind: 'Project', metadata: { name: 'nope' }, spec: {} }),
    );
    expect(err.code).toBe('forbidden');
    expect(err.message).toMatch(/missing 'create' permission for 'Project'/);
  });

  it('says a wrong password is the console’s credentials being refused', async () => {
    const wrong: PersesAuth = { type: 'native', user: USER, password: new Secret('not-it-4711') };
    const err = await failure(clientFor(wrong).list('Project'));
    expect(err.code).toBe('upstream_error');
    expect(err.message).toMatch(
      /refused the console's credentials \(login of user "console-bot"\)/,
    );
    expect(err.message).not.toContain('not-it-4711');
  });

  it('uses a bearer token, in the header or in the cookies a proxy lets through', async () => {
    const token = new Secret(await login(perses.url, USER, PASSWORD));
    expect(await clientFor({ type: 'bearer', token }).list('Project')).toMatchObject({ items: [] });
    expect(await clientFor(native, 'cookie').list('Project')).toMatchObject({ items: [] });
    expect(await clientFor({ type: 'bearer', token }, 'cookie').list('Project')).toMatchObject({
      items: [],
    });
  });

  it('logs in again when Perses refuses a token that has not expired (restarted with a new key)', async () => {
    // Tokens that live an hour, so the token in hand is nowhere near its refresh.
    await perses.restart(authConfig('k'.repeat(32), '1h'));
    const client = clientFor(native);
    await client.list('Project');
    expect(client.authActivity()).toEqual({ logins: 1, refreshes: 0, relogins: 0 });
    await perses.restart(authConfig('n'.repeat(32), '1h'));
    expect(await client.list('Project')).toMatchObject({ items: [] });
    expect(client.authActivity()).toEqual({ logins: 2, refreshes: 0, relogins: 1 });
  });
});
