// The CLI lint and the server's live index apply the same placement rules to the same input and
// say the same things: real Perses data plus crafted clashes, as ConfigMaps and as chart files.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { V1ConfigMap } from '@kubernetes/client-node';
import {
  chartFilePath,
  identityOf,
  lintResources,
  PLACEMENT_RULES,
  resourceToConfigMap,
  type ConfigMapLike,
  type Finding,
  type LintEntry,
} from '@perses-cm/resources';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectoryStore } from '../stores/directory/directory-store.ts';
import { toContainer } from '../stores/kubernetes/configmap-entries.ts';
import type { Container } from '../stores/store.ts';
import { ResourceIndex } from './resource-index.ts';

const FIXTURES = new URL('../../../../../shared/fixtures/perses-dev-data/', import.meta.url);

/** Every real resource of the Perses development data, one document each. */
function realResources(): Record<string, unknown>[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .flatMap((f) => {
      const doc = JSON.parse(readFileSync(new URL(f, FIXTURES), 'utf8')) as unknown;
      return (Array.isArray(doc) ? doc : [doc]) as Record<string, unknown>[];
    });
}

const dashboard = (project: string, name: string) => ({
  kind: 'Dashboard',
  metadata: { project, name },
  spec: { duration: '1h', panels: {}, layouts: [] },
});
const promDefault = (project: string, name: string) => ({
  kind: 'Datasource',
  metadata: { project, name },
  spec: {
    default: true,
    plugin: { kind: 'PrometheusDatasource', spec: { directUrl: 'http://p' } },
  },
});

/** Clashes on top of the real data: each placement rule fires at least once. */
const crafted = [
  dashboard('perses', 'demo'), // the real perses/Demo, lower-cased: duplicate identity
  dashboard('nowhere', 'lost'), // unknown project
  promDefault('perses', 'first'), // two defaults of one plugin kind in one project
  promDefault('Perses', 'second'),
  // A second global Prometheus default beside the real PrometheusLocal.
  { kind: 'GlobalDatasource', metadata: { name: 'PromAgain' }, spec: promDefault('x', 'y').spec },
];

type Compared = Pick<Finding, 'rule' | 'severity' | 'kind' | 'project' | 'name' | 'message'> & {
  at: string;
};

const placementRules = new Set<string>(PLACEMENT_RULES);
const compared = (at: string, f: Finding): Compared => ({
  at,
  rule: f.rule,
  severity: f.severity,
  kind: f.kind,
  project: f.project,
  name: f.name,
  message: f.message,
});
const sorted = (xs: Compared[]) =>
  xs.map((x) => JSON.stringify(x)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function indexFindings(containers: Iterable<Container>, at: (c: Container) => string) {
  const index = new ResourceIndex();
  const where = new Map<string, string>();
  for (const c of containers) {
    index.put(c);
    for (const id of index.idsOfContainer(c.key)) where.set(id, at(c));
  }
  return index
    .list({}, () => true)
    .flatMap((r) =>
      r.findings
        .filter((f) => placementRules.has(f.rule))
        .map((f) => compared(where.get(r.summary.id) ?? '', f)),
    );
}

function lintFindings(entries: LintEntry[]): Compared[] {
  return lintResources(entries)
    .filter((f) => placementRules.has(f.rule))
    .map((f) => compared(f.path ?? '', f));
}

describe('placement rules: lint and the server index agree', () => {
  it('on ConfigMaps: real data, duplicates, defaults, shared sidecar files, secrets', () => {
    // The EphemeralDashboard has no provisionable identity, so no ConfigMap of the console's own.
    const cms: ConfigMapLike[] = [
      ...realResources()
        .filter((doc) => identityOf(doc) !== undefined)
        .map((doc, i) =>
          resourceToConfigMap(doc, { namespace: i % 2 === 0 ? 'team-a' : 'team-b' }),
        ),
      // ConfigMap names come from the identity, so a namespace holds one per identity: the twins
      // of real resources live in another one.
      ...crafted.map((doc) => resourceToConfigMap(doc, { namespace: 'team-c' })),
    ];
    const shared = (ns: string, name: string, data: Record<string, string>, folder?: string) => ({
      metadata: {
        namespace: ns,
        name,
        labels: { 'perses.dev/resource': 'true' },
        ...(folder ? { annotations: { 'k8s-sidecar-target-directory': folder } } : {}),
      },
      data,
    });
    const lost = JSON.stringify(dashboard('testing', 'shared'));
    cms.push(
      // One data key in three ConfigMaps: two write the same file, the third another folder.
      shared('team-a', 'one', { 'dashboard.json': lost }),
      shared('team-b', 'two', { 'dashboard.json': JSON.stringify(dashboard('testing', 'other')) }),
      shared('team-b', 'three', { 'dashboard.json': lost.replace('shared', 'third') }, 'sub'),
      // A note beside a resource: Perses skips it, but the sidecar writes it over another note.
      shared('team-a', 'notes', {
        'README.md': '# a',
        'x.json': JSON.stringify(dashboard('testing', 'x')),
      }),
      shared('team-b', 'notes', { 'README.md': '# b' }),
    );
    const lint = lintFindings(
      cms.map((configMap) => ({
        source: 'configmap',
        path: `${configMap.metadata.namespace}/${configMap.metadata.name}`,
        configMap,
      })),
    );
    const server = indexFindings(
      cms.map((cm) => toContainer(cm as V1ConfigMap)),
      (c) => c.key.replace(/^cm:/, ''),
    );
    expect(new Set(lint.map((f) => f.rule))).toEqual(placementRules);
    expect(sorted(server)).toEqual(sorted(lint));
  });

  describe('on chart files', () => {
    let dir = '';
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('real data in the chart layout, plus a second copy and a list file', async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-placement-'));
      const files = new Map<string, string>();
      for (const doc of [...realResources(), ...crafted]) {
        const id = identityOf(doc);
        const placed = id && chartFilePath(id, 'json');
        if (placed?.ok) files.set(placed.path, `${JSON.stringify(doc, null, 2)}\n`);
      }
      files.set('files/copies/demo.json', JSON.stringify(dashboard('Perses', 'Demo')));
      files.set(
        'files/lists/two.json',
        JSON.stringify([dashboard('testing', 'listed'), dashboard('testing', 'LISTED')], null, 2),
      );
      for (const [rel, text] of files) {
        await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
        await writeFile(path.join(dir, rel), text);
      }
      const store = new DirectoryStore(dir, { pollMs: 60_000 });
      await store.start();
      const server = indexFindings(store.containers(), (c) => c.key.replace(/^file:/, ''));
      await store.stop();
      const lint = lintFindings(
        [...files].map(([rel, text]) => ({ source: 'file', path: rel, text, chartPath: rel })),
      );
      const rules = new Set(lint.map((f) => f.rule));
      expect(rules).toEqual(
        new Set([...placementRules].filter((r) => r !== 'sidecar-path-collision')),
      );
      expect(sorted(server)).toEqual(sorted(lint));
    });
  });
});
