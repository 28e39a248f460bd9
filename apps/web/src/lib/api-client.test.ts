import { afterEach, describe, expect, it, vi } from 'vitest';
import { ResourceDetail } from '@perses-cm/api';
import { ApiError, request } from './api-client.ts';

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
