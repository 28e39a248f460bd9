import { describe, expect, it } from 'vitest';
import { CONFIGMAP_MAX_BYTES, resourceToConfigMap, type ConfigMapLike } from './configmap.ts';
import type { Finding } from './findings.ts';
import { chartPathOf } from './chart-layout.ts';
import { lintResources } from './lint.ts';
import type { LintEntry } from './lint-entries.ts';
import { fixtureFiles, fixtureJson, fixtureText } from './testing/fixtures.ts';

const file = (path: string, doc: unknown): LintEntry => ({
  source: 'file',
  path,
  text: typeof doc === 'string' ? doc : JSON.stringify(doc, null, 2),
});
const cmEntry = (configMap: ConfigMapLike, path = 'cms.yaml'): LintEntry => ({
  source: 'configmap',
  path,
  configMap,
});
const summary = (findings: Finding[]) =>
  findings.map(
    (f) => `${f.severity}:${f.rule}:${f.path ?? ''}${f.line !== undefined ? `:${f.line}` : ''}`,
  );

const project = (name: string) => ({ kind: 'Project', metadata: { name } });
const datasource = (
  name: string,
  projectName: string,
  isDefault: boolean,
  pluginKind = 'PrometheusDatasource',
) => ({
  kind: 'Datasource',
  metadata: { name, project: projectName },
  spec: { default: isDefault, plugin: { kind: pluginKind, spec: { directUrl: 'http://x' } } },
});

describe('lintResources on the real fixtures', () => {
  it('finds only the EphemeralDashboard, as Perses would', () => {
    const entries = fixtureFiles().map((f) => file(f, fixtureText(f)));
    expect(summary(lintResources(entries))).toEqual([
      'error:not-provisionable:ephemeraldashboard.json:3',
    ]);
  });

  it('maps every real resource to a ConfigMap that lints clean', () => {
    const docs = fixtureFiles()
      .filter((f) => f !== 'ephemeraldashboard.json')
      .flatMap((f) => {
        const doc = fixtureJson<object | object[]>(f);
        return Array.isArray(doc) ? doc : [doc];
      });
    const cms = docs.map((d) => cmEntry(resourceToConfigMap(d, { namespace: 'monitoring' })));
    const findings = lintResources(cms, { label: { key: 'perses.dev/resource', value: 'true' } });
    // Secrets and Users put credentials in ConfigMaps: warned, never an error.
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(['plaintext-secret']));
    expect(findings.map((f) => f.kind).sort()).toEqual(['GlobalSecret', 'Secret', 'User', 'User']);
  });
});

describe('lintResources cross-resource rules', () => {
  it('reports every holder of one identity after lower-casing, naming the others', () => {
    const findings = lintResources([
      file('a.json', [project('perses'), { kind: 'Project', metadata: { name: 'Perses' } }]),
      file('b.json', project('PERSES')),
    ]);
    expect(summary(findings)).toEqual([
      'error:duplicate-identity:a.json:2',
      'error:duplicate-identity:a.json:8',
      'error:duplicate-identity:b.json:1',
    ]);
    expect(findings.map((f) => f.message.replace(/ \(Perses.*/, ''))).toEqual([
      'Project "perses" is also defined at a.json:8 (and 1 more)',
      'Project "Perses" is also defined at a.json:2 (and 1 more)',
      'Project "PERSES" is also defined at a.json:2 (and 1 more)',
    ]);
  });

  it('reports a second default datasource of one plugin kind in a scope', () => {
    const findings = lintResources([
      file('p.json', project('p')),
      file('a.json', datasource('a', 'p', true)),
      file('b.json', datasource('b', 'P', true)),
      file('c.json', datasource('c', 'p', true, 'TempoDatasource')),
      file('d.json', [project('q'), datasource('d', 'q', true)]),
    ]);
    // Which one Perses keeps depends on its load order: both are flagged.
    expect(summary(findings)).toEqual([
      'error:duplicate-default-datasource:a.json:1',
      'error:duplicate-default-datasource:b.json:1',
    ]);
    expect(findings[1]?.message).toBe(
      'Datasource "P/b" is a second default PrometheusDatasource datasource in the project "P" scope (Datasource "p/a" at a.json:1 is one already): Perses refuses it; set default: false on one',
    );
  });

  it('warns about a project that is not defined in the linted set', () => {
    const findings = lintResources([file('a.json', datasource('a', 'nowhere', false))]);
    expect(findings).toMatchObject([
      { severity: 'warning', rule: 'unknown-project', project: 'nowhere' },
    ]);
  });

  it('warns about files Perses ignores and multi-document YAML', () => {
    const findings = lintResources([
      file('README.md', '# hi'),
      file(
        'p.yaml',
        'kind: Project\nmetadata:\n  name: a\n---\nkind: project\nmetadata:\n  name: b\n',
      ),
    ]);
    expect(summary(findings).sort()).toEqual([
      'error:wrong-case-kind:p.yaml:5',
      'warning:ignored-file:README.md',
      'warning:multi-document:p.yaml:4',
    ]);
  });

  it('reports parse errors with their position', () => {
    expect(
      summary(
        lintResources([file('bad.json', '{"kind": "Project",\n "metadata": {"name": "a" "b"}}')]),
      ),
    ).toEqual(['error:parse-error:bad.json:2']);
  });
});

describe('lintResources on ConfigMaps', () => {
  const manifest = [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - apiVersion: v1',
    '    kind: ConfigMap',
    '    metadata: {name: one, namespace: a}',
    '    data:',
    '      dashboard.json: |',
    '        {"kind": "Dashboard", "metadata": {"name": "d", "project": "p"},',
    '         "spec": {"layouts": [{"kind": "Grid", "spec": {"items": [{"x": 0, "y": 0, "width": 1, "height": 1, "content": {"$ref": "#/spec/panels/nope"}}]}}]}}',
    '  - apiVersion: v1',
    '    kind: ConfigMap',
    '    metadata: {name: two, namespace: b, labels: {perses.dev/resource: "true"}}',
    '    data:',
    '      dashboard.json: |',
    '        {"kind": "Project", "metadata": {"name": "p"}}',
    '  - apiVersion: v1',
    '    kind: ConfigMap',
    '    metadata:',
    '      name: three',
    '      annotations: {k8s-sidecar-target-directory: other}',
    '    data:',
    '      dashboard.json: \'{"kind": "Project", "metadata": {"name": "q"}}\'',
    '',
  ].join('\n');

  it('reads manifests (kind: List) and maps positions into block scalars', () => {
    const findings = lintResources([file('m.yaml', manifest)], {
      label: { key: 'perses.dev/resource' },
    });
    expect(summary(findings)).toEqual([
      'warning:missing-label:m.yaml:4',
      'error:sidecar-path-collision:m.yaml:9',
      'error:missing-panel-ref:m.yaml:10',
      'error:sidecar-path-collision:m.yaml:16',
      'warning:missing-label:m.yaml:17',
    ]);
    const ref = findings.find((f) => f.rule === 'missing-panel-ref');
    expect(manifest.split('\n')[9]?.slice((ref?.column ?? 0) - 1)).toMatch(
      /^"#\/spec\/panels\/nope"/,
    );
    // The annotation sends the third ConfigMap's key to another folder: no collision for it.
    expect(
      findings.filter((f) => f.rule === 'sidecar-path-collision').map((f) => f.message),
    ).toEqual([
      'ConfigMap a/one key "dashboard.json" and ConfigMap b/two key "dashboard.json" are both written to /etc/perses/provisioning/dashboard.json by the sidecar: the last writer wins and deleting either deletes the file; give every key a cluster-unique name',
      'ConfigMap b/two key "dashboard.json" and ConfigMap a/one key "dashboard.json" are both written to /etc/perses/provisioning/dashboard.json by the sidecar: the last writer wins and deleting either deletes the file; give every key a cluster-unique name',
    ]);
  });

  it('reports invalid and colliding ConfigMap names', () => {
    const cm = (name: string, key: string): ConfigMapLike => ({
      metadata: { name, namespace: 'n' },
      data: { [key]: JSON.stringify(project(key.split('.')[0] ?? 'x')) },
    });
    const findings = lintResources([
      cmEntry(cm('Bad_Name', 'a.json')),
      cmEntry(cm('ok', 'b.json')),
      cmEntry(cm('ok', 'c.json'), 'other.yaml'),
      cmEntry(cm('trailing-', 'd.json')),
    ]);
    expect(summary(findings)).toEqual([
      'error:invalid-configmap-name:cms.yaml',
      'error:invalid-configmap-name:cms.yaml',
      'error:configmap-name-collision:other.yaml',
    ]);
  });

  it('reports ConfigMaps over the size limit (error) and over 90% of it (warning), in UTF-8 bytes', () => {
    const filler = (bytes: number) => 'é'.repeat(Math.ceil(bytes / 2));
    const doc = (pad: string) =>
      JSON.stringify({ ...project('p'), spec: { display: { name: pad } } });
    const big = { metadata: { name: 'big' }, data: { 'p.json': doc(filler(CONFIGMAP_MAX_BYTES)) } };
    const near = {
      metadata: { name: 'near' },
      data: { 'q.json': doc(filler(CONFIGMAP_MAX_BYTES * 0.92)) },
    };
    // Under the limit in characters, over it in bytes: the apiserver counts bytes.
    expect(big.data['p.json'].length).toBeLessThan(CONFIGMAP_MAX_BYTES);
    const findings = lintResources([cmEntry(big), cmEntry(near)]);
    expect(
      findings
        .filter((f) => f.rule.startsWith('configmap-'))
        .map((f) => `${f.message.slice(0, 14)}:${f.severity}:${f.rule}`),
    ).toEqual([
      'ConfigMap near:warning:configmap-size',
      'ConfigMap big :error:configmap-too-large',
    ]);
  });

  it('warns about plaintext secrets and bad data keys', () => {
    const secret = {
      kind: 'GlobalSecret',
      metadata: { name: 's' },
      spec: { basicAuth: { username: 'u', password: 'p' } },
    };
    const findings = lintResources([
      cmEntry({
        metadata: { name: 's' },
        data: { 's.json': JSON.stringify(secret), 'notes.txt': 'x', 'a b.json': '{}' },
      }),
    ]);
    expect(findings.map((f) => `${f.severity}:${f.rule}`).sort()).toEqual([
      'error:invalid-data-key',
      'error:missing-kind',
      'warning:ignored-file',
      'warning:plaintext-secret',
    ]);
  });
});

describe('chart files/ tree', () => {
  it('reproduces the chart docs generator template pitfalls', () => {
    const dash = (name: string) => ({
      kind: 'Dashboard',
      metadata: { name, project: 'p' },
      spec: { duration: '1h' },
    });
    const entries: LintEntry[] = [
      'chart/files/projects/p.json',
      'chart/files/a/dashboard.json',
      'chart/files/b/dashboard.json',
      'chart/files/dashboards/team-observability-kubernetes-clusters-overview.json',
      'chart/files/dashboards/team-observability-kubernetes-clusters-overview-2.json',
      'chart/files/dashboards/My_Dash.json',
    ].map((path, i) => {
      const chartPath = chartPathOf(path);
      return {
        source: 'file',
        path,
        text: JSON.stringify(i === 0 ? project('p') : dash(`d${i}`)),
        ...(chartPath ? { chartPath, docsTemplate: true } : {}),
      };
    });
    const findings = lintResources(entries, { chartRelease: 'perses' }).map(
      (f) => `${f.rule}:${f.path}`,
    );
    expect(findings).toEqual([
      'sidecar-path-collision:chart/files/b/dashboard.json',
      'chart-configmap-name:chart/files/dashboards/My_Dash.json',
      'chart-configmap-name:chart/files/dashboards/team-observability-kubernetes-clusters-overview-2.json',
      'chart-configmap-name:chart/files/dashboards/team-observability-kubernetes-clusters-overview-2.json',
      'chart-configmap-name:chart/files/dashboards/team-observability-kubernetes-clusters-overview.json',
    ]);
  });
});
