// What `POST /api/v1/validate` tells an editor besides the resource rules: why Perses was not
// asked (too large to send, a wrong-case kind), and the warnings lint gives a stored resource
// that need no neighbours (credentials in plain text). Perses's own verdict is in
// perses.int.test.ts, against the real Perses.
import { describe, expect } from 'vitest';
import { projectOfBytes } from './testing/documents.ts';
import { it } from './testing/server-test.ts';

describe('validation answers', () => {
  it('answers an oversized document with its size and why Perses was not asked', async ({
    api,
  }) => {
    const res = await api.validate({ text: projectOfBytes('big', 1_048_577) });
    expect(res.status).toBe(200);
    expect(res.body.findings).toEqual([
      expect.objectContaining({
        rule: 'configmap-too-large',
        severity: 'error',
        message: expect.stringContaining(
          'the document is 1,048,577 bytes, over the Kubernetes limit',
        ),
      }),
    ]);
    expect(res.body.perses).toEqual({
      checked: false,
      skipped: expect.stringMatching(/^too large to send: the document is 1,048,577 bytes/),
    });
  });

  it('reports a lower-case kind as a wrong-case kind, also where Perses was not asked', async ({
    api,
  }) => {
    const res = await api.validate({
      text: '{"kind":"dashboard","metadata":{"name":"x"},"spec":{}}',
    });
    expect(res.body.findings.map((f) => f.rule)).toEqual(['wrong-case-kind']);
    expect(res.body.perses.checked).toBe(false);
    // No Perses URL on this server: that is the reason given first.
    expect(res.body.perses.skipped).toBe('no Perses URL is configured');
  });

  it('flags a Secret with credentials in plain text while it is edited', async ({ api }) => {
    const secret = {
      kind: 'Secret',
      metadata: { name: 's', project: 'p' },
      spec: { basicAuth: { username: 'u', password: 'p' } },
    };
    const res = await api.validate({ document: secret });
    expect(res.body.findings).toEqual([
      expect.objectContaining({ rule: 'plaintext-secret', severity: 'warning' }),
    ]);
  });
});
