import { describe, expect, it } from 'vitest';
import { mapError } from '../../middleware/error-handler.ts';
import { kubeStatusError } from './kube-status.ts';

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

// The adapter's mapping, seen as the HTTP answer a client gets.
describe('kubeStatusError', () => {
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
            reason: 'Invalid',
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
});
