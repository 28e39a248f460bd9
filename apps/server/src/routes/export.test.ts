// The export API on a chart directory of the real Perses development data: what is exported,
// where, what is refused and why, and archives that unpack to exactly the previewed tree, the
// same bytes every time.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ExportPreview } from '@perses-cm/api';
import { CHART_GENERATOR_TEMPLATE } from '@perses-cm/resources';
import { startServer, type RunningServer } from '../main.ts';
import { unpack } from '../testing/archive.ts';
import { directoryConfig } from '../testing/directory-server.ts';
import { FIXTURES_DIR, fixtureChart } from '../testing/fixture-chart.ts';
import { projectText } from '../testing/documents.ts';

const yamlDashboard = `# kept as written, comment included
kind: Dashboard
metadata:
  name: FromYaml
  project: testing
spec:
  duration: 1h
  panels: {}
  layouts: []
`;
const big = JSON.stringify({
  kind: 'Project',
  metadata: { name: 'huge' },
  spec: { display: { name: 'x'.repeat(1_100_000) } },
});
// Perses lower-cases names: this is the fixtures' Dashboard perses/Demo a second time.
const twin = JSON.stringify({
  kind: 'Dashboard',
  metadata: { name: 'demo', project: 'perses' },
  spec: { duration: '1h', panels: {}, layouts: [] },
});

let dir: string;
let srv: RunningServer;

beforeAll(async () => {
  dir = await fixtureChart({
    'files/more/from-yaml.yaml': yamlDashboard,
    'files/more/huge.json': big,
    'files/zz/twin.json': twin,
    'files/more/team.json': projectText('team-a'),
  });
  srv = await startServer(directoryConfig(dir), { pollMs: 60_000 });
});
afterAll(async () => {
  await srv.close();
  await rm(dir, { recursive: true, force: true });
});

async function preview(query = ''): Promise<ExportPreview> {
  const res = await fetch(`${srv.url}/api/v1/export/preview${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as ExportPreview;
}

async function download(query: string): Promise<{ res: Response; bytes: Buffer }> {
  const res = await fetch(`${srv.url}/api/v1/export${query}`);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const fixture = async (file: string) =>
  JSON.parse(await readFile(path.join(FIXTURES_DIR, file), 'utf8')) as Record<string, unknown>[];

describe('preview', () => {
  it('places one file per resource and refuses, with the reason, what cannot be exported', async () => {
    const p = await preview();
    const paths = p.tree.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
    expect(paths).toContain('files/projects/IncredibleProject.json');
    expect(paths).toContain('files/dashboards/testing/Panels.json');
    expect(paths).toContain('files/dashboards/testing/FromYaml.yaml');
    expect(paths.slice(0, 2)).toEqual(['Chart.yaml', 'README.md']);
    expect(paths).toContain('templates/configmap-generator.yaml');
    // 39 fixture resources, the YAML dashboard and the project; the rest are refused.
    expect(p.resources).toBe(41);
    expect(p.tree).toHaveLength(45);
    expect(p.totalBytes).toBe(p.tree.reduce((n, f) => n + f.bytes, 0));
    const why = Object.fromEntries(p.refused.map((r) => [`${r.kind}/${r.name?.toLowerCase()}`, r]));
    expect(Object.keys(why).sort()).toEqual([
      'Dashboard/demo',
      'EphemeralDashboard/tempdemo',
      'Project/huge',
    ]);
    expect(why['EphemeralDashboard/tempdemo']?.reason).toMatch(/not provisionable/);
    // Which of the two is kept is the list order's choice; the other names it.
    const twins = ['files/9-dashboard.json', 'files/zz/twin.json'];
    const refusedTwin = why['Dashboard/demo'];
    expect(twins).toContain(refusedTwin?.location.replace(/:\d+$/, ''));
    const kept = twins.find((t) => !refusedTwin?.location.startsWith(t)) ?? '';
    expect(refusedTwin?.reason).toContain(`same Perses identity as ${kept}`);
    expect(why['Project/huge']?.reason).toMatch(/at most 1048576 bytes/);
    expect(p.refused.find((r) => r.kind === 'Project')?.location).toBe('files/more/huge.json:1');
    expect(p.errors).toEqual([]);
  });

  it('takes the list filters, the same predicate as the web list, and hand-picked ids', async () => {
    const dashboards = await preview('?kind=Dashboard&project=testing&q=chart');
    expect(dashboards.tree.filter((f) => f.resourceId).map((f) => f.path)).toEqual([
      'files/dashboards/testing/GaugeChartPanel.json',
      'files/dashboards/testing/StatChartPanel.json',
      'files/dashboards/testing/TimeSeriesChartLegends.json',
      'files/dashboards/testing/TimeSeriesChartPanel.json',
    ]);
    // The project filter is exact, as in the list: "Testing" selects nothing.
    expect((await preview('?project=Testing')).resources).toBe(0);
    const clean = await preview('?findings=warnings');
    expect(clean.tree.filter((f) => f.resourceId).map((f) => path.basename(f.path))).toEqual(
      expect.arrayContaining(['admin.json', 'guest.json', 'perlinpinpin.json', 'turlututu.json']),
    );
    const [a, b] = dashboards.tree.filter((f) => f.resourceId).map((f) => f.resourceId ?? '');
    const picked = await preview(`?ids=${a},${b},gone~0000000000000000000000`);
    expect(picked.resources).toBe(2);
    expect(picked.refused).toEqual([
      expect.objectContaining({ id: 'gone~0000000000000000000000' }),
    ]);
    // Provisioning states are the list's (applied on the real stack: status-sync.int.test.ts);
    // a name that is not one is refused, naming the field.
    const bad = await fetch(`${srv.url}/api/v1/export/preview?status=failed`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/"field":"status"/);
  });

  it('is described, with its query, in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${srv.url}/api/openapi.json`)).json()) as {
      paths: Record<string, { get: { parameters: { name: string }[] } }>;
    };
    for (const route of ['/api/v1/export', '/api/v1/export/preview'])
      expect(doc.paths[route]?.get.parameters.map((p) => p.name)).toEqual(
        expect.arrayContaining(['kind', 'q', 'findings', 'status', 'format', 'shape', 'ids']),
      );
  });

  it('refuses a bad query naming each field and its rule', async () => {
    const res = await fetch(
      `${srv.url}/api/v1/export/preview?format=rar&name=My_Chart&findings=some`,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { fields: { field: string }[] } } };
    expect(body.error.details.fields.map((f) => f.field).sort()).toEqual([
      'findings',
      'format',
      'name',
    ]);
  });
});

describe.each(['tgz', 'zip'] as const)('%s archive', (format) => {
  it('unpacks to the previewed tree, stored bytes kept, array items one file each', async () => {
    const p = await preview(`?format=${format}&name=team-chart`);
    const { res, bytes } = await download(`?format=${format}&name=team-chart`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      format === 'tgz' ? 'application/gzip' : 'application/zip',
    );
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename=team-chart.${format}`,
    );
    expect(p.archiveName).toBe(`team-chart.${format}`);
    const entries = await unpack(format, bytes);
    expect(entries.map((e) => e.path)).toEqual(p.tree.map((f) => `team-chart/${f.path}`));
    expect(entries.map((e) => Buffer.byteLength(e.text))).toEqual(p.tree.map((f) => f.bytes));
    for (const e of entries) {
      expect(e.mode).toBe(0o644);
      expect([e.mtime.getFullYear(), e.mtime.getMonth(), e.mtime.getDate()]).toEqual([1980, 0, 1]);
    }
    const text = (p: string) => entries.find((e) => e.path === `team-chart/${p}`)?.text;
    expect(text('files/dashboards/testing/FromYaml.yaml')).toBe(yamlDashboard);
    expect(text('files/variables/perses/job.json')).toBe(
      await readFile(path.join(FIXTURES_DIR, '11-variable.json'), 'utf8'),
    );
    expect(text('templates/configmap-generator.yaml')).toBe(CHART_GENERATOR_TEMPLATE);
    for (const d of await fixture('9-dashboard.json')) {
      const { name, project } = d.metadata as { name: string; project: string };
      // Demo has a twin in this chart, which may be the one kept (see the preview test).
      if (name === 'Demo') continue;
      expect(JSON.parse(text(`files/dashboards/${project}/${name}.json`) ?? '')).toEqual(d);
    }
    expect(parseYaml(text('values.yaml') ?? '')).toEqual({
      sidecar: { label: 'perses.dev/resource', labelValue: 'true' },
    });
  });

  it('survives a reader that goes away mid-way, and serves the next export whole', async () => {
    const aborted = new AbortController();
    const res = await fetch(`${srv.url}/api/v1/export?format=${format}`, {
      signal: aborted.signal,
    });
    const reader = res.body?.getReader();
    await reader?.read();
    aborted.abort();
    const { res: next, bytes } = await download(`?format=${format}`);
    expect(next.status).toBe(200);
    expect((await unpack(format, bytes)).length).toBe(45);
  });

  it('gives the same bytes on every export of the same state', async () => {
    const first = await download(`?format=${format}`);
    const second = await download(`?format=${format}`);
    expect(first.bytes.length).toBeGreaterThan(1000);
    expect(second.bytes.equals(first.bytes)).toBe(true);
  });
});

describe('options', () => {
  it('writes every file as 2-space JSON of the parsed document with files=json', async () => {
    const p = await preview('?files=json');
    expect(p.tree.map((f) => f.path)).toContain('files/dashboards/testing/FromYaml.json');
    const entries = await unpack('tgz', (await download('?files=json')).bytes);
    for (const e of entries.filter((x) => x.path.includes('/files/'))) {
      expect(e.text).toBe(`${JSON.stringify(JSON.parse(e.text), null, 2)}\n`);
    }
  });

  it('gives only the files/ tree, unprefixed, with content=files', async () => {
    const p = await preview('?content=files&format=zip');
    expect(p.archiveName).toBe('perses-resources-files.zip');
    const entries = await unpack('zip', (await download('?content=files&format=zip')).bytes);
    expect(entries.length).toBe(41);
    expect(entries.every((e) => e.path.startsWith('files/'))).toBe(true);
  });

  it('declares the perses chart as a dependency and its sidecar values in the umbrella shape', async () => {
    const entries = await unpack('tgz', (await download('?shape=umbrella')).bytes);
    const text = (p: string) => entries.find((e) => e.path === `perses-resources/${p}`)?.text ?? '';
    expect(parseYaml(text('Chart.yaml')).dependencies).toEqual([
      { name: 'perses', version: '0.23.2', repository: 'https://perses.github.io/helm-charts' },
    ]);
    expect(parseYaml(text('values.yaml'))).toEqual({
      perses: { sidecar: { enabled: true, label: 'perses.dev/resource', labelValue: 'true' } },
    });
  });
});
