import { afterEach, describe, expect, it, vi } from 'vitest';
import { CSRF_HEADER, ResourceDetail } from '@perses-cm/api';
import { ApiError, onUnauthorized, request } from './api-client.ts';

afterEach(() => vi.unstubAllGlobals());

function respond(status: number, body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status })),
  );
}

describe('request', () => {
  it('turns the error envelope into an ApiError with code, message and fields', async () => {
    respond(422, {
      error: {
        code: 'validation_failed',
        message: 'ConfigMap is invalid',
        details: { fields: [{ field: 'data', message: 'must have at most 1048576 bytes' }] },
      },
    });
    const err = await request('/api/v1/resources', null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({
      status: 422,
      code: 'validation_failed',
      message: 'ConfigMap is invalid',
    });
    expect((err as ApiError).fields).toEqual([
      { field: 'data', message: 'must have at most 1048576 bytes' },
    ]);
  });

  it('maps a response without the envelope by its status', async () => {
    respond(409, 'nope');
    await expect(request('/x', null)).rejects.toMatchObject({ code: 'conflict', status: 409 });
  });

  it('refuses a response that does not match the contract', async () => {
    respond(200, { id: 'x' });
    await expect(request('/x', ResourceDetail)).rejects.toMatchObject({ code: 'internal' });
  });

  it('reports an unreachable server as a network error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(request('/x', null)).rejects.toMatchObject({ code: 'network', status: 0 });
  });
});

describe('sign-in and CSRF', () => {
  it('sends the CSRF header with every request', async () => {
    const fetchMock = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    await request('/api/v1/resources/x', null, { method: 'DELETE', query: { version: '1' } });
    const init = (fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1];
    expect(init.headers).toMatchObject({ [CSRF_HEADER]: '1' });
  });

  it('tells its listeners about a 401, and only about a 401', async () => {
    const seen: string[] = [];
    const stop = onUnauthorized((e) => seen.push(e.message));
    try {
      respond(401, { error: { code: 'unauthorized', message: 'sign in with a Kubernetes token' } });
      await expect(request('/api/v1/whoami', null)).rejects.toMatchObject({ status: 401 });
      respond(403, { error: { code: 'forbidden', message: 'no' } });
      await expect(request('/api/v1/whoami', null)).rejects.toMatchObject({ status: 403 });
      expect(seen).toEqual(['sign in with a Kubernetes token']);
    } finally {
      stop();
    }
  });
});
