import { describe, expect, it } from 'vitest';
import { persesStatusError } from './perses-errors.ts';

describe('persesStatusError', () => {
  it("maps Perses's statuses to the app's codes and keeps Perses's message", () => {
    const cases: [number, string, string][] = [
      [400, '{"message":"bad request: panel schemas are not loaded"}', 'bad_request'],
      [403, '{"message":"forbidden access: missing \'create\' permission"}', 'forbidden'],
      [404, '{"message":"document not found"}', 'not_found'],
      [409, '{"message":"document already exists"}', 'already_exists'],
      [401, '{"message":"missing or malformed jwt"}', 'upstream_error'],
      [500, '{"message":"internal server error"}', 'upstream_error'],
      [503, 'no endpoints available for service "perses"', 'unavailable'],
    ];
    for (const [status, body, code] of cases) {
      const err = persesStatusError(status, body, 'Dashboard "p/d"');
      expect(err.code, String(status)).toBe(code);
      expect(err.details).toEqual({ status });
    }
    expect(persesStatusError(400, '{"message":"bad request: x"}', 'create').message).toBe(
      'Perses: create: bad request: x',
    );
    expect(persesStatusError(401, '{"message":"missing or malformed jwt"}', 'list').message).toBe(
      "Perses refused the console's credentials (list): missing or malformed jwt",
    );
  });
});
