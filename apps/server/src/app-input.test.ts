// Bad input through the HTTP API writes nothing: refused documents, request bodies read with the
// document rules (not JSON.parse), and the size limits of the decoded document and of the raw
// body. Every test has its own server (testing/server-test.ts).
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { API, ValidateResponse } from '@perses-cm/api';
import { MAX_DEPTH } from '@perses-cm/resources';
import { MAX_BODY_BYTES } from './middleware/json-body.ts';
import { escapedJsonString, project, projectOfBytes } from './testing/documents.ts';
import { it } from './testing/server-test.ts';

const MiB = 1_048_576;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('refused documents', () => {
  it('refuses duplicate keys and __proto__ in text with line and column', async ({ api, srv }) => {
    const before = await filesUnder(srv.dir);
    const dup = await api.create({
      text: '{\n  "kind": "Project",\n  "kind": "Project",\n  "metadata": {"name": "x"}, "spec": {}\n}',
    });
    expect(dup.status).toBe(400);
    expect(dup.error.code).toBe('validation_failed');
    expect(dup.findings()[0]).toMatchObject({ rule: 'duplicate-key', line: 3, field: 'kind' });
    const proto = await api.create({
      text: '{"kind":"Project","metadata":{"name":"p","__proto__":{"x":1}},"spec":{}}',
    });
    expect(proto.status).toBe(400);
    expect(proto.findings()[0]).toMatchObject({ rule: 'forbidden-key' });
    expect(await filesUnder(srv.dir)).toEqual(before);
  });

  it('refuses YAML aliases beyond the cap and custom tags', async ({ api, srv }) => {
    const before = await filesUnder(srv.dir);
    const lines = ['a: &a [x, x]', ...Array.from({ length: 60 }, (_, i) => `k${i}: *a`)];
    const bomb = await api.create({
      text: `kind: Project\nmetadata: {name: bomb}\nspec:\n${lines.map((l) => `  ${l}`).join('\n')}\n`,
    });
    expect(bomb.status).toBe(400);
    expect(bomb.findings()[0]?.rule).toBe('yaml-aliases');
    const tag = await api.create({
      text: 'kind: Project\nmetadata: {name: t}\nspec: !!js/function "x"\n',
    });
    expect(tag.status).toBe(400);
    expect(await filesUnder(srv.dir)).toEqual(before);
  });

  it('refuses names that would leave the folder', async ({ api, srv }) => {
    const before = await filesUnder(srv.dir);
    for (const name of ['../escape', 'a/b', '..', '/abs']) {
      const res = await api.create({ document: project(name) });
      expect(res.status, name).toBe(400);
    }
    expect(await filesUnder(srv.dir)).toEqual(before);
  });
});

describe('request bodies', () => {
  it('refuses duplicate keys in the document form, naming the field; JSON.parse would keep the last', async ({
    api,
    srv,
  }) => {
    const before = await filesUnder(srv.dir);
    const raw = '{"document": {"kind": "Project", "metadata": {"name": "shop", "name": "other"}}}';
    const res = await api.send('POST', API.resources, raw);
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('bad_request');
    expect(res.error.message).toContain('document.metadata.name');
    expect(res.fields()).toMatchObject([
      { field: 'document.metadata.name', message: expect.stringContaining('duplicate key') },
    ]);
    expect(res.findings()).toMatchObject([{ rule: 'duplicate-key', line: 1, column: 63 }]);
    // The envelope itself gets the same rule.
    const twice = await api.send('POST', API.resources, '{"text": "{}", "text": "[]"}');
    expect(twice.fields()[0]?.field).toBe('text');
    expect(await filesUnder(srv.dir)).toEqual(before);
  });

  it('refuses __proto__ and nesting beyond the document limit in the document form', async ({
    api,
    srv,
  }) => {
    const before = await filesUnder(srv.dir);
    const proto = await api.send(
      'POST',
      API.resources,
      '{"document": {"kind": "Project", "metadata": {"name": "p", "__proto__": {}}, "spec": {}}}',
    );
    expect(proto.status).toBe(400);
    expect(proto.fields()[0]?.field).toBe('document.metadata.__proto__');
    // `arrays(n)` nests n arrays: as `spec`, the document is 1 + n levels deep.
    const arrays = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const doc = (n: number) =>
      `{"kind": "Project", "metadata": {"name": "deep"}, "spec": ${arrays(n)}}`;
    // At the limit: text and value forms read alike (the body's own level is not counted).
    const rules = (r: { body: { findings: { rule: string }[] } }) =>
      r.body.findings.map((f) => f.rule);
    const asText = await api.validate({ text: doc(MAX_DEPTH - 1) });
    const asValue = await api.call('POST', API.validate, {
      schema: ValidateResponse,
      raw: `{"document": ${doc(MAX_DEPTH - 1)}}`,
    });
    expect(rules(asValue)).toEqual(rules(asText));
    expect(rules(asText)).not.toContain('max-depth');
    // One level more: refused in both forms.
    const deepText = await api.create({ text: doc(MAX_DEPTH) });
    expect(deepText.findings()[0]?.rule).toBe('max-depth');
    const deepValue = await api.send('POST', API.resources, `{"document": ${doc(MAX_DEPTH)}}`);
    expect(deepValue.status).toBe(400);
    expect(deepValue.findings()[0]?.rule).toBe('max-depth');
    expect(await filesUnder(srv.dir)).toEqual(before);
  });

  it('refuses a malformed JSON body and a body that is not an object', async ({ api }) => {
    const cut = await api.send('POST', API.resources, '{"text":');
    expect(cut.status).toBe(400);
    expect(cut.findings()[0]).toMatchObject({ rule: 'parse-error', line: 1, column: 9 });
    expect((await api.send('POST', API.resources, '"x"')).status).toBe(400);
    const both = await api.create({ text: '{}', document: {} });
    expect(both.status).toBe(400);
    expect(both.fields()[0]?.field).toBe('text');
  });
});

describe('size limits', () => {
  it('refuses a document of 1 MiB + 1 byte with 413 naming its size; exactly 1 MiB is accepted', async ({
    api,
    srv,
  }) => {
    const before = await filesUnder(srv.dir);
    const res = await api.create({ text: projectOfBytes('big', MiB + 1) });
    expect(res.status).toBe(413);
    expect(res.error.code).toBe('payload_too_large');
    expect(res.error.message).toContain(String(MiB + 1));
    expect(await filesUnder(srv.dir)).toEqual(before);
    expect((await api.create({ text: projectOfBytes('big', MiB) })).status).toBe(201);
  });

  it('accepts a 1 MiB document sent with every character as \\uXXXX (6 MiB on the wire)', async ({
    api,
    srv,
  }) => {
    const text = projectOfBytes('escaped', MiB, 'x');
    const raw = `{"text":${escapedJsonString(text)}}`;
    expect(raw.length).toBeGreaterThan(6 * MiB);
    const res = await api.send('POST', API.resources, raw);
    expect(res.status).toBe(201);
    expect(await readFile(path.join(srv.dir, 'files/projects/escaped.json'), 'utf8')).toBe(text);
  });

  it('measures the decoded document, not the escaped body: 1 MiB + 1 escaped is 413 with its size', async ({
    api,
    srv,
  }) => {
    const before = await filesUnder(srv.dir);
    const raw = `{"text":${escapedJsonString(projectOfBytes('big', MiB + 1, 'x'))}}`;
    const res = await api.send('POST', API.resources, raw);
    expect(res.status).toBe(413);
    expect(res.error.message).toContain(`${MiB + 1} bytes`);
    expect(await filesUnder(srv.dir)).toEqual(before);
  });

  it('refuses a raw body over its bound with 413 naming the limit, before reading it all', async ({
    api,
    srv,
  }) => {
    const before = await filesUnder(srv.dir);
    const res = await api.send('POST', API.resources, `{"text":"${'x'.repeat(MAX_BODY_BYTES)}"}`);
    expect(res.status).toBe(413);
    expect(res.error.code).toBe('payload_too_large');
    expect(res.error.message).toContain(String(MAX_BODY_BYTES));
    expect(await filesUnder(srv.dir)).toEqual(before);
  });
});
