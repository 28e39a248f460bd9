import { describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createElement, type ReactNode } from 'react';
import { EVENT_ID_HEADER, type SessionResponse } from '@perses-cm/api';
import { onUnauthorized } from '../../../lib/api-client.ts';
import { fetchFirstRequests } from '../../../lib/early-requests.ts';
import { createQueryClient } from '../../../lib/query-client.ts';
import { getSession } from '../../../lib/session/get-session.ts';
import { fakeApi } from '../../../test/fake-api.ts';
import { summary } from '../../../test/fixtures.ts';
import { resourceKeys } from './keys.ts';
import { primeList, useResources } from './list-resources.ts';

const session: SessionResponse = {
  mode: 'local',
  signedIn: true,
  identity: null,
  idleTimeoutSeconds: null,
};
const list = { items: [summary({ name: 'a' }), summary({ name: 'b' })], errors: [] };

describe('the first requests', () => {
  it('asks for the session and the list as the page starts, once, and keeps the position the list reflects', async () => {
    const requests = fakeApi({
      'GET /api/v1/session': { body: session },
      'GET /api/v1/resources': { body: list, headers: { [EVENT_ID_HEADER]: 'ab12.40' } },
    });
    fetchFirstRequests();
    const qc = createQueryClient();
    const primed = primeList(qc);
    // The list page mounts while the early answer is on its way: it waits for that one.
    const wrapper = ({ children }: { children: ReactNode }) =>
      createElement(QueryClientProvider, { client: qc }, children);
    const page = renderHook(() => useResources(), { wrapper });

    await expect(primed).resolves.toBe('ab12.40');
    await waitFor(() =>
      expect(page.result.current.data?.items.map((i) => i.name)).toEqual(['a', 'b']),
    );
    await expect(getSession()).resolves.toMatchObject({ signedIn: true });
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/session', '/api/v1/resources']);

    // Taken once: later reads go to the server.
    await getSession();
    expect(requests.map((r) => r.url)).toEqual([
      '/api/v1/session',
      '/api/v1/resources',
      '/api/v1/session',
    ]);
  });

  it('before sign-in, leaves the list to the list page without telling the session gate', async () => {
    const requests = fakeApi({
      'GET /api/v1/session': { body: { ...session, mode: 'token', signedIn: false } },
      'GET /api/v1/resources': {
        status: 401,
        body: { error: { code: 'unauthorized', message: 'sign in' } },
      },
    });
    const told = vi.fn();
    const stop = onUnauthorized(told);
    fetchFirstRequests();
    const qc = createQueryClient();
    await expect(primeList(qc)).resolves.toBeNull();
    expect(told).not.toHaveBeenCalled();
    expect(qc.getQueryState(resourceKeys.list())?.status).toBe('error');
    expect(requests.filter((r) => r.url === '/api/v1/resources')).toHaveLength(1);
    stop();
  });

  it('asks again at once when the early list was refused, keeping the position of the second answer', async () => {
    let asked = 0;
    const requests = fakeApi({
      'GET /api/v1/session': { body: session },
      'GET /api/v1/resources': () =>
        ++asked === 1
          ? { status: 503, body: { error: { code: 'unavailable', message: 'syncing' } } }
          : { body: list, headers: { [EVENT_ID_HEADER]: 'ab12.41' } },
    });
    fetchFirstRequests();
    const qc = createQueryClient();
    await expect(primeList(qc)).resolves.toBe('ab12.41');
    expect(qc.getQueryData(resourceKeys.list())).toMatchObject({
      items: [{ name: 'a' }, { name: 'b' }],
    });
    expect(requests.filter((r) => r.url === '/api/v1/resources')).toHaveLength(2);
  });

  it('asks for nothing early off the list page but the session', async () => {
    window.history.pushState(null, '', '/resources/x');
    const requests = fakeApi({ 'GET /api/v1/session': { body: session } });
    fetchFirstRequests();
    await expect(primeList(createQueryClient())).resolves.toBeNull();
    await getSession();
    expect(requests.map((r) => r.url)).toEqual(['/api/v1/session']);
    window.history.pushState(null, '', '/');
  });
});
