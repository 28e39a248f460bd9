// Through the HTTP API on a chart directory: what Perses's YAML and JSON readers would refuse is
// refused with its position and nothing is written; YAML the server writes from a JSON value
// keeps its meaning for Perses (quoted panel keys); plain scalars Perses retypes are findings.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './testing/api-client.ts';
import { startDirectoryServer, type DirectoryServer } from './testing/directory-server.ts';

let srv: DirectoryServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  srv = await startDirectoryServer();
  api = apiClient(srv.url);
});
afterAll(async () => srv.dispose());

const files = async () => (await readdir(srv.dir, { recursive: true })).sort();

const dashboardYaml = (spec: string) =>
  `kind: Dashboard\nmetadata:\n  name: keys\n  project: perses\nspec:\n  duration: 1h\n${spec}`;

const panels = (key: string) =>
  `  panels:\n    ${key}:\n      kind: Panel\n      spec:\n        display:\n          name: a\n        plugin:\n          kind: Markdown\n          spec:\n            text: hi\n`;

describe('documents Perses would refuse', () => {
  it.each([
    [
      'a recursive alias',
      dashboardYaml('  display: &d\n    name: x\n    self: *d\n'),
      'yaml-recursive-alias',
      9,
      11,
    ],
    [
      'a raw control character',
      dashboardYaml('  display:\n    name: "x\u0001"\n'),
      'control-character',
      8,
      13,
    ],
    ['DEL in a comment', dashboardYaml('  display: {}\n# \u007f\n'), 'control-character', 8, 3],
    [
      'a raw NUL in a JSON string',
      '{"kind": "Project",\n "metadata": {"name": "a\u0000"}}',
      'parse-error',
      2,
      25,
    ],
  ])(
    'refuses %s with line and column and writes nothing',
    async (_what, text, rule, line, column) => {
      const before = await files();
      const res = await api.create({ text });
      expect(res.status).toBe(400);
      expect(res.error.code).toBe('validation_failed');
      expect(res.findings()).toEqual([
        expect.objectContaining({ rule, line, column, severity: 'error' }),
      ]);
      expect(await files()).toEqual(before);
      const validation = await api.validate({ text });
      expect(validation.status).toBe(200);
      expect(validation.body.findings).toEqual([expect.objectContaining({ rule, line, column })]);
    },
  );
});

describe('YAML meaning for Perses', () => {
  it('refuses a plain panel key Perses reads as a number, and validation says where', async () => {
    const text = dashboardYaml(panels('1_0'));
    const res = await api.create({ text });
    expect(res.status).toBe(400);
    expect(res.findings()).toEqual([
      expect.objectContaining({
        rule: 'yaml11-plain-scalar',
        line: 8,
        column: 5,
        severity: 'error',
      }),
    ]);
    const warn = await api.validate({
      text: dashboardYaml(`  display:\n    name: yes\n${panels('"1_0"')}`),
    });
    expect(warn.body.findings).toEqual([
      expect.objectContaining({
        rule: 'yaml11-plain-scalar',
        line: 8,
        column: 11,
        severity: 'warning',
      }),
    ]);
  });

  it('writes a document sent as a JSON value as YAML that keeps its panel keys strings', async () => {
    const document = {
      kind: 'Dashboard',
      metadata: { name: 'valuekeys', project: 'perses' },
      spec: {
        duration: '1h',
        panels: Object.fromEntries(
          ['0_0', '1_0'].map((k) => [
            k,
            {
              kind: 'Panel',
              spec: { display: { name: k }, plugin: { kind: 'Markdown', spec: { text: 'x' } } },
            },
          ]),
        ),
      },
    };
    const res = await api.create({ document, format: 'yaml' });
    expect(res.status).toBe(201);
    const origin = res.body.origin;
    if (origin.type !== 'file') throw new Error('a chart directory stores files');
    const stored = await readFile(path.join(srv.dir, origin.path), 'utf8');
    expect(stored).toContain('\n    "0_0":\n');
    expect(stored).toContain('\n    "1_0":\n');
    expect(stored).toContain('name: "1_0"');
    expect((await api.get(res.body.id)).body.findingList).toEqual([]);
  });
});
