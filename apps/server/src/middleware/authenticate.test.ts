// Who a request is, per mode, from the request alone: the proxy's headers count only from a
// trusted address, and the caller's own credential headers never reach anything.
import type { Request } from 'express';
import proxyAddr from 'proxy-addr';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../domain/identity.ts';
import { createAccess, stripCallerCredentials } from './authenticate.ts';

const self: Identity = {
  name: 'system:serviceaccount:perses:perses-cm',
  groups: [],
  source: 'in-cluster',
};
const proxy = createAccess(
  { mode: 'proxy', userHeader: 'x-forwarded-user', groupsHeader: 'x-forwarded-groups' },
  proxyAddr.compile(['10.0.0.0/8']),
  self,
  null,
);

const req = (remoteAddress: string, headers: Record<string, string | string[]>) =>
  ({ socket: { remoteAddress }, headers }) as unknown as Request;

describe('proxy mode', () => {
  it('takes the user and groups from a trusted proxy, as an impersonated person', async () => {
    const who = await proxy.identify(
      req('10.1.2.3', {
        'x-forwarded-user': 'dev-a',
        'x-forwarded-groups': ['team-a-editors, team-a', 'team-a'],
      }),
    );
    expect(who).toMatchObject({
      name: 'dev-a',
      groups: ['team-a-editors', 'team-a', 'system:authenticated'],
      source: 'proxy',
      credential: { type: 'impersonate' },
    });
  });

  it('ignores the headers from any other address', async () => {
    for (const address of ['192.168.1.5', '127.0.0.1', '::ffff:192.168.1.5']) {
      await expect(
        proxy.identify(req(address, { 'x-forwarded-user': 'admin' })),
      ).rejects.toMatchObject({ code: 'unauthorized' });
    }
    // IPv4-mapped addresses of the trusted range are that range.
    expect((await proxy.identify(req('::ffff:10.0.0.9', { 'x-forwarded-user': 'a' }))).name).toBe(
      'a',
    );
  });

  it('refuses a request without a user, or with two', async () => {
    await expect(proxy.identify(req('10.0.0.1', {}))).rejects.toMatchObject({
      code: 'unauthorized',
    });
    await expect(
      proxy.identify(req('10.0.0.1', { 'x-forwarded-user': 'a, admin' })),
    ).rejects.toMatchObject({ code: 'unauthorized' });
  });
});

describe('local mode', () => {
  it('is the server itself, whatever the request says', async () => {
    const local = createAccess({ mode: 'local' }, () => false, self, null);
    expect(await local.identify(req('127.0.0.1', { 'x-forwarded-user': 'admin' }))).toBe(self);
  });
});

describe('stripCallerCredentials', () => {
  it('drops Authorization and every Impersonate-* header', () => {
    const r = req('10.0.0.1', {
      authorization: 'Bearer admin-token',
      'impersonate-user': 'admin',
      'impersonate-group': 'system:masters',
      'impersonate-extra-scopes': 'x',
      'x-forwarded-user': 'dev-a',
    });
    let passed = false;
    stripCallerCredentials()(r, {} as never, () => (passed = true));
    expect(passed).toBe(true);
    expect(r.headers).toEqual({ 'x-forwarded-user': 'dev-a' });
  });
});
