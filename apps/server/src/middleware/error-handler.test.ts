import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../services/errors.ts';
import { kubeStatusError } from '../stores/kubernetes/kube-status.ts';
import { mapError } from './error-handler.ts';
import { describeTarget } from './target-header.ts';

const status = (code: number, reason: string, extra: object = {}) =>
  JSON.stringify({
    kind: 'Status',
    apiVersion: 'v1',
    status: 'Failure',
    message: `m ${reason}`,
    reason,
    code,
    ...extra,
  });

describe('mapError', () => {
  it('maps Kubernetes Status failures', () => {
    expect(mapError(kubeStatusError(409, status(409, 'AlreadyExists')))).toMatchObject({
      status: 409,
      body: { error: { code: 'already_exists' } },
    });
    expect(mapError(kubeStatusError(409, status(409, 'Conflict')))).toMatchObject({
      status: 409,
      body: { error: { code: 'conflict' } },
    });
    expect(mapError(kubeStatusError(403, status(403, 'Forbidden')))).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden' } },
    });
    expect(mapError(kubeStatusError(404, status(404, 'NotFound')))).toMatchObject({ status: 404 });
    expect(mapError(kubeStatusError(410, status(410, 'Expired')))).toMatchObject({
      status: 410,
      body: { error: { code: 'gone' } },
    });
    const invalid = mapError(
      kubeStatusError(
        422,
        status(422, 'Invalid', {
          details: {
            causes: [
              {
                reason: 'FieldValueTooLong',
                field: '[]',
                message: 'Too long: must have at most 1048576 bytes',
              },
            ],
          },
        }),
      ),
    );
    expect(invalid).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'validation_failed',
          details: {
            fields: [
              {
                field: '[]',
                message: 'FieldValueTooLong: Too long: must have at most 1048576 bytes',
              },
            ],
          },
        },
      },
    });
    expect(mapError(kubeStatusError(500, 'not json'))).toMatchObject({
      status: 502,
      body: { error: { code: 'upstream_error', message: 'Kubernetes: not json' } },
    });
  });

  it('maps zod errors to 400 naming the field', () => {
    const r = z.object({ version: z.string() }).safeParse({});
    expect(mapError(r.error)).toMatchObject({
      status: 400,
      body: { error: { code: 'bad_request', details: { fields: [{ field: 'version' }] } } },
    });
  });

  it('keeps AppError details and hides unknown errors', () => {
    expect(mapError(new AppError('conflict', 'x', { current: null }))).toEqual({
      status: 409,
      body: { error: { code: 'conflict', message: 'x', details: { current: null } } },
    });
    expect(mapError(new Error('secret internals'))).toEqual({
      status: 500,
      body: { error: { code: 'internal', message: 'internal error' } },
    });
  });
});

describe('describeTarget', () => {
  it('never lets CR, LF or non-Latin-1 reach the header', () => {
    const v = describeTarget({ type: 'directory', path: '/tmp/a\r\nSet-Cookie: x/é' });
    expect(v).not.toMatch(/[\r\n]/);
    expect(/^[\x20-\x7e]*$/.test(v)).toBe(true);
    const k = describeTarget({
      type: 'kubernetes',
      cluster: 'c\n',
      context: 'ctx',
      server: 's',
      namespaces: ['a'],
      label: { key: 'k' },
    });
    expect(k).toBe('kubernetes; cluster=c%0A; context=ctx; namespaces=a');
  });
});
