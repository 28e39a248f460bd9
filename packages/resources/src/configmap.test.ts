import { describe, expect, it } from 'vitest';
import { configMapNameFor, chartGeneratorConfigMapName, dataKeyFor } from './configmap-names.ts';
import {
  CONFIGMAP_MAX_BYTES,
  DEFAULT_LABEL,
  configMapSizeBytes,
  resourceToConfigMap,
  resourcesFromConfigMap,
} from './configmap.ts';
import { identityOf, type ResourceIdentity } from './identity.ts';
import { configMapKeyProblem, dns1123SubdomainProblem } from './names.ts';
import { fixtureFiles, fixtureJson } from './testing/fixtures.ts';

function realIdentities(): ResourceIdentity[] {
  return fixtureFiles()
    .flatMap((f) => {
      const doc = fixtureJson(f);
      return Array.isArray(doc) ? doc : [doc];
    })
    .map((d) => identityOf(d))
    .filter((id): id is ResourceIdentity => id !== undefined);
}

describe('configMapNameFor', () => {
  it('is readable when the identity maps 1:1', () => {
    expect(configMapNameFor({ kind: 'Dashboard', project: 'myproject', name: 'mydash' })).toBe(
      'dashboard-myproject-mydash',
    );
    expect(configMapNameFor({ kind: 'GlobalDatasource', name: 'prom.main' })).toBe(
      'globaldatasource-prom.main',
    );
  });

  it('gives a valid, distinct name to every real resource, including upper-case names', () => {
    const ids = realIdentities();
    expect(ids.length).toBeGreaterThan(35);
    const names = ids.map((id) => configMapNameFor(id));
    for (const name of names) expect(dns1123SubdomainProblem(name)).toBeUndefined();
    expect(new Set(names).size).toBe(names.length);
    expect(configMapNameFor({ kind: 'GlobalDatasource', name: 'PrometheusDemo' })).toBe(
      'globaldatasource-prometheusdemo',
    );
  });

  it('separates names that differ in forbidden characters or separators', () => {
    const names = [
      { kind: 'Dashboard', project: 'p', name: 'mydash' },
      { kind: 'Dashboard', project: 'p', name: 'my_dash' },
      { kind: 'Dashboard', project: 'p', name: 'my-dash' },
      { kind: 'Dashboard', project: 'a-b', name: 'c' },
      { kind: 'Dashboard', project: 'a', name: 'b-c' },
      { kind: 'Datasource', project: 'a', name: 'b-c' },
    ].map((id) => configMapNameFor(id as ResourceIdentity));
    expect(new Set(names).size).toBe(names.length);
    expect(names[0]).toBe('dashboard-p-mydash');
    expect(names[4]).toBe('dashboard-a-b-c');
    expect(names[3]).toMatch(/^dashboard-a-b-c-[0-9a-f]{10}$/);
  });

  it('gives spellings of one identity (Perses lower-cases names) one ConfigMap name and key', () => {
    const spellings: ResourceIdentity[] = [
      { kind: 'Dashboard', project: 'Team_A', name: 'MyDash' },
      { kind: 'Dashboard', project: 'team_a', name: 'mydash' },
      { kind: 'Dashboard', project: 'TEAM_A', name: 'myDASH' },
    ];
    expect(new Set(spellings.map((id) => configMapNameFor(id))).size).toBe(1);
    expect(new Set(spellings.map((id) => dataKeyFor(id, 'json'))).size).toBe(1);
    expect(configMapNameFor({ kind: 'Dashboard', project: 'p', name: 'MyDash' })).toBe(
      'dashboard-p-mydash',
    );
  });

  it('stays within 253 characters and never ends with "-" for long or odd names', () => {
    const long = 'A'.repeat(75);
    const weird = ['_x_', '-.-', 'a..', '...', long];
    for (const project of weird)
      for (const name of weird) {
        const cm = configMapNameFor({ kind: 'GlobalRoleBinding', name });
        const scoped = configMapNameFor({ kind: 'RoleBinding', project, name });
        expect(dns1123SubdomainProblem(cm)).toBeUndefined();
        expect(dns1123SubdomainProblem(scoped)).toBeUndefined();
      }
    const a = configMapNameFor({ kind: 'Dashboard', project: 'p', name: 'x'.repeat(75) });
    expect(a).toBe(`dashboard-p-${'x'.repeat(75)}`);
  });

  it('is deterministic', () => {
    const id: ResourceIdentity = { kind: 'Folder', project: 'Team_A', name: 'Ops' };
    expect(configMapNameFor(id)).toBe(configMapNameFor({ ...id }));
  });
});

describe('dataKeyFor', () => {
  it('is a lower-case valid key unique across kinds and projects', () => {
    expect(dataKeyFor({ kind: 'Dashboard', project: 'myproject', name: 'mydash' }, 'json')).toBe(
      'dashboard.myproject.mydash.json',
    );
    expect(dataKeyFor({ kind: 'User', name: 'admin' }, 'yaml')).toBe('user.admin.yaml');
    const keys = realIdentities().map((id) => dataKeyFor(id, 'json'));
    for (const key of keys) expect(configMapKeyProblem(key)).toBeUndefined();
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('adds a hash when a "." in the project makes the key ambiguous', () => {
    const a = dataKeyFor({ kind: 'Dashboard', project: 'a.b', name: 'c' }, 'json');
    const b = dataKeyFor({ kind: 'Dashboard', project: 'a', name: 'b.c' }, 'json');
    expect(b).toBe('dashboard.a.b.c.json');
    expect(a).toMatch(/^dashboard\.a\.b\.c\.[0-9a-f]{10}\.json$/);
  });
});

describe('chart generator template', () => {
  it('reproduces the trunc 63 pitfall', () => {
    const name = chartGeneratorConfigMapName(
      'perses',
      'files/dashboards/team-observability-kubernetes-clusters-overview.json',
    );
    expect(name).toHaveLength(63);
    expect(name.endsWith('-')).toBe(true);
  });
});

describe('resourceToConfigMap / resourcesFromConfigMap', () => {
  const dashboard = fixtureJson<Record<string, unknown>[]>('9-dashboard.json')[0] as object;

  it('round-trips a real dashboard, labeled and annotated', () => {
    const cm = resourceToConfigMap(dashboard, { namespace: 'monitoring' });
    expect(cm.metadata).toMatchObject({
      name: 'dashboard-perses-demo',
      namespace: 'monitoring',
      labels: { [DEFAULT_LABEL.key]: DEFAULT_LABEL.value },
    });
    expect(Object.keys(cm.data ?? {})).toEqual(['dashboard.perses.demo.json']);
    const [entry] = resourcesFromConfigMap(cm);
    expect(entry?.format).toBe('json');
    expect(entry?.resources).toEqual([dashboard]);
  });

  it('keeps the user text and reads YAML lists', () => {
    const text =
      '# mine\n- kind: Project\n  metadata: {name: a}\n- kind: Project\n  metadata: {name: b}\n';
    const cm = resourceToConfigMap(
      { kind: 'Project', metadata: { name: 'a' } },
      { format: 'yaml', text, label: { key: 'team', value: 'x' } },
    );
    expect(cm.data).toEqual({ 'project.a.yaml': text });
    expect(cm.metadata.labels).toEqual({ team: 'x' });
    const [entry] = resourcesFromConfigMap(cm);
    expect(entry?.resources).toHaveLength(2);
    expect(entry?.format).toBe('yaml');
  });

  it('serialises deterministically and refuses a resource without identity', () => {
    const doc = { kind: 'Project', metadata: { name: 'a' }, spec: { display: { name: 'A' } } };
    expect(resourceToConfigMap(doc, { format: 'yaml' })).toEqual(
      resourceToConfigMap(structuredClone(doc), { format: 'yaml' }),
    );
    expect(() => resourceToConfigMap({ kind: 'Nope' })).toThrow();
  });

  it('reads base64 binaryData keys', () => {
    const cm = {
      metadata: { name: 'x' },
      binaryData: { 'p.json': 'eyJraW5kIjoiUHJvamVjdCIsIm1ldGFkYXRhIjp7Im5hbWUiOiJhIn19' },
    };
    expect(resourcesFromConfigMap(cm)[0]?.resources).toEqual([
      { kind: 'Project', metadata: { name: 'a' } },
    ]);
  });
});

describe('configMapSizeBytes', () => {
  it('counts UTF-8 bytes of data and decoded bytes of binaryData', () => {
    expect(configMapSizeBytes({ metadata: { name: 'x' }, data: { a: 'é€😀', b: 'abc' } })).toBe(
      2 + 3 + 4 + 3,
    );
    expect(configMapSizeBytes({ metadata: { name: 'x' }, binaryData: { a: 'aGVsbG8=' } })).toBe(5);
    expect(CONFIGMAP_MAX_BYTES).toBe(1024 * 1024);
  });
});
