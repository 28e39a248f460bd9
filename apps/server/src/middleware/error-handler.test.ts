import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../domain/errors.ts';
import { mapError, redactPaths } from './error-handler.ts';
import { describeTarget } from './target-header.ts';

describe('mapError', () => {
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

describe('error bodies', () => {
  it('never carry a stack trace or an absolute path of the server', () => {
    const err = new Error('boom at /etc/passwd');
    const body = JSON.stringify(mapError(err).body);
    expect(body).not.toContain(err.stack?.split('\n')[1]?.trim() ?? 'at ');
    expect(body).not.toContain('/etc');
    const mapped = mapError(
      new AppError(
        'unavailable',
        "ENOENT: no such file or directory, open '/tmp/chart/files/a.json'",
      ),
    );
    expect(mapped.body.error.message).toBe("ENOENT: no such file or directory, open '<path>'");
  });

  it('keeps chart-relative paths, URLs and names with slashes', () => {
    for (const m of [
      'file files/dashboards/a.json already exists',
      'no route GET /api/v1/nothing',
      'ConfigMap team-a/x changed',
      'Perses at https://perses.example/etc refused',
    ]) {
      expect(redactPaths(m)).toBe(m);
    }
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
