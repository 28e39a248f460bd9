// The index over ConfigMap containers: read-only reasons, storage and cross-resource findings,
// and the events a change produces.
import type { V1ConfigMap } from '@kubernetes/client-node';
import type { ResourceEvent } from '@perses-cm/api';
import { describe, expect, it } from 'vitest';
import { toContainer } from '../stores/kubernetes/configmap-entries.ts';
import { projectText } from '../testing/documents.ts';
import { CHART_SIDECAR, type SidecarSettings } from '../domain/model.ts';
import { ResourceIndex } from './resource-index.ts';

const cm = (
  ns: string,
  name: string,
  data: Record<string, string>,
  extra: Partial<V1ConfigMap['metadata']> = {},
): V1ConfigMap => ({
  metadata: {
    namespace: ns,
    name,
    resourceVersion: '1',
    labels: { 'perses.dev/resource': 'true' },
    ...extra,
  },
  data,
});

function indexWith(...cms: V1ConfigMap[]) {
  return indexWithSidecar(CHART_SIDECAR, ...cms);
}

function indexWithSidecar(sidecar: SidecarSettings, ...cms: V1ConfigMap[]) {
  const index = new ResourceIndex(sidecar);
  const events: ResourceEvent[] = [];
  index.subscribe((e) => events.push(e));
  for (const c of cms) index.put(toContainer(c));
  const all = () => index.list({}, () => true);
  const byName = (n: string) =>
    all().find((r) => r.summary.name === n || r.summary.configMapName === n);
  return { index, events, all, byName };
}

describe('ResourceIndex over ConfigMaps', () => {
  it('gives reasons for read-only ConfigMaps', () => {
    const { byName, all } = indexWith(
      cm('a', 'two-keys', { 'x.json': projectText('x'), 'y.json': projectText('y') }),
      cm('a', 'frozen', { 'f.json': projectText('f') }),
      cm('a', 'notes', { 'README.md': '# notes' }),
      cm('a', 'list', { 'l.json': `[${projectText('l1')}, ${projectText('l2')}]` }),
    );
    const frozenCm = toContainer({
      ...cm('a', 'frozen', { 'f.json': projectText('f') }),
      immutable: true,
    });
    expect(frozenCm.entries[0]?.readOnly).toMatch(/immutable/);
    expect(byName('x')?.summary.readOnly).toMatch(/2 keys/);
    expect(byName('notes')?.summary.readOnly).toMatch(/Perses ignores/);
    expect(byName('l1')?.summary.readOnly).toMatch(/holds 2 resources/);
    expect(byName('f')?.summary.readOnly).toBeNull();
    expect(new Set(all().map((r) => r.summary.id)).size).toBe(all().length);
  });

  it('warns that Helm-managed ConfigMaps are overwritten by the next upgrade', () => {
    const { byName } = indexWith(
      cm(
        'a',
        'helmed',
        { 'h.json': projectText('h') },
        {
          labels: { 'perses.dev/resource': 'true', 'app.kubernetes.io/managed-by': 'Helm' },
          annotations: { 'meta.helm.sh/release-name': 'rel' },
        },
      ),
    );
    expect(byName('h')?.findings).toEqual([
      expect.objectContaining({ rule: 'helm-managed', severity: 'warning' }),
    ]);
  });

  it('warns that Argo CD and Flux put their ConfigMaps back, and names the owner in the summary', () => {
    const { byName } = indexWith(
      cm(
        'a',
        'argo',
        { 'argo.json': projectText('argo') },
        { annotations: { 'argocd.argoproj.io/tracking-id': 'dash:/ConfigMap:a/argo' } },
      ),
      cm(
        'a',
        'flux',
        { 'flux.json': projectText('flux') },
        { labels: { 'perses.dev/resource': 'true', 'kustomize.toolkit.fluxcd.io/name': 'apps' } },
      ),
    );
    expect(byName('argo')?.findings).toEqual([
      expect.objectContaining({ rule: 'argocd-managed', severity: 'warning' }),
    ]);
    expect(byName('argo')?.summary.owner).toEqual({
      tool: 'Argo CD',
      source: 'application dash',
      message: expect.stringContaining(
        'your edit will be reverted at the next sync; change it in Git',
      ),
    });
    expect(byName('flux')?.summary.owner?.source).toBe('Kustomization apps');
  });

  it('gives each resource of a list its own name, project and size', () => {
    const ephemeral = JSON.stringify([
      { kind: 'EphemeralDashboard', metadata: { name: 'TempDemo', project: 'perses' }, spec: {} },
    ]);
    const two = `[${projectText('l1')}, ${projectText('l22')}]`;
    const { byName } = indexWith(
      cm('a', 'eph', { 'ephemeraldashboard.json': ephemeral }),
      cm('a', 'list', { 'l.json': two }),
    );
    expect(byName('TempDemo')?.summary).toMatchObject({
      kind: 'EphemeralDashboard',
      project: 'perses',
      name: 'TempDemo',
    });
    expect(byName('l1')?.summary.sizeBytes).toBe(Buffer.byteLength(projectText('l1').trimEnd()));
    expect(byName('l22')?.summary.sizeBytes).toBe(Buffer.byteLength(projectText('l22').trimEnd()));
  });

  it('names the last writer: the console stamp, or the field manager of a later update', () => {
    const at = '2025-01-02T03:04:05.000Z';
    const stamped = {
      annotations: {
        'perses-cm.dev/last-applied-by': 'perses-cm (alice)',
        'perses-cm.dev/last-applied-at': at,
      },
    };
    const field = (manager: string, time: string) => ({
      manager,
      operation: 'Update',
      time: new Date(time),
    });
    const { byName } = indexWith(
      cm(
        'a',
        'ours',
        { 'ours.json': projectText('ours') },
        {
          ...stamped,
          managedFields: [field('perses-cm', '2025-01-02T03:04:06Z')],
        },
      ),
      cm(
        'a',
        'theirs',
        { 'theirs.json': projectText('theirs') },
        {
          ...stamped,
          managedFields: [
            field('perses-cm', '2025-01-02T03:04:06Z'),
            field('kubectl-edit', '2025-01-03T00:00:00Z'),
          ],
        },
      ),
    );
    expect(byName('ours')?.summary.lastChange).toEqual({ by: 'perses-cm (alice)', at });
    expect(byName('theirs')?.summary.lastChange).toEqual({
      by: 'kubectl-edit',
      at: '2025-01-03T00:00:00.000Z',
    });
  });

  it('sees no file collision where the running sidecar has UNIQUE_FILENAMES on', () => {
    const { byName } = indexWithSidecar(
      { ...CHART_SIDECAR, uniqueFilenames: true },
      cm('a', 'one', { 'same.json': projectText('one') }),
      cm('b', 'two', { 'same.json': projectText('two') }),
    );
    expect(byName('one')?.findings).toEqual([]);
  });

  it('flags two ConfigMaps whose keys the sidecar writes to one file, and clears it on delete', () => {
    const { index, byName, events } = indexWith(
      cm('a', 'one', { 'same.json': projectText('one') }),
      cm('b', 'two', { 'same.json': projectText('two') }),
    );
    expect(byName('one')?.findings.map((f) => f.rule)).toEqual(['sidecar-path-collision']);
    expect(byName('two')?.summary.findings.errors).toBe(1);
    events.length = 0;
    index.remove('cm:b/two');
    expect(byName('one')?.findings).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['deleted', 'modified']);
  });

  it('keys the sidecar path by the folder annotation too', () => {
    const { byName } = indexWith(
      cm(
        'a',
        'one',
        { 'same.json': projectText('one') },
        { annotations: { 'k8s-sidecar-target-directory': 'team-a' } },
      ),
      cm('b', 'two', { 'same.json': projectText('two') }),
    );
    expect(byName('one')?.findings).toEqual([]);
  });

  it('emits modified only when content or findings change', () => {
    const { index, events } = indexWith(cm('a', 'p', { 'p.json': projectText('p') }));
    events.length = 0;
    index.put(toContainer(cm('a', 'p', { 'p.json': projectText('p') })));
    expect(events).toEqual([]);
    index.put(
      toContainer({
        ...cm('a', 'p', { 'p.json': projectText('p', 'P') }),
        metadata: { namespace: 'a', name: 'p', resourceVersion: '2' },
      }),
    );
    expect(events.map((e) => e.type)).toEqual(['modified']);
  });

  it('flags every default datasource of one plugin kind in one scope, and clears it live', () => {
    const ds = (name: string, project: string | null, isDefault: boolean, plugin = 'Prom') =>
      JSON.stringify({
        kind: project === null ? 'GlobalDatasource' : 'Datasource',
        metadata: project === null ? { name } : { name, project },
        spec: { default: isDefault, plugin: { kind: plugin, spec: {} } },
      });
    const { index, byName, events } = indexWith(
      cm('a', 'p', { 'p.json': projectText('p') }),
      cm('a', 'q', { 'q.json': projectText('q') }),
      cm('a', 'one', { 'one.json': ds('one', 'p', true) }),
      cm('b', 'two', { 'two.json': ds('two', 'P', true) }),
      cm('a', 'tempo', { 'tempo.json': ds('tempo', 'p', true, 'Tempo') }),
      cm('a', 'other', { 'other.json': ds('other', 'q', true) }),
      cm('a', 'off', { 'off.json': ds('off', 'p', false) }),
      cm('a', 'g1', { 'g1.json': ds('g1', null, true) }),
      cm('a', 'g2', { 'g2.json': ds('g2', null, true) }),
    );
    const rules = (n: string) => byName(n)?.findings.map((f) => f.rule);
    expect(rules('one')).toEqual(['duplicate-default-datasource']);
    expect(byName('one')?.findings[0]?.message).toContain('ConfigMap b/two key "two.json"');
    expect(rules('two')).toEqual(['duplicate-default-datasource']);
    expect(byName('two')?.summary.findings.errors).toBe(1);
    expect(rules('g1')).toEqual(['duplicate-default-datasource']);
    for (const n of ['tempo', 'other', 'off']) expect(rules(n)).toEqual([]);

    events.length = 0;
    index.put(
      toContainer({
        ...cm('b', 'two', { 'two.json': ds('two', 'P', false) }),
        metadata: { namespace: 'b', name: 'two', resourceVersion: '2', labels: {} },
      }),
    );
    expect(rules('one')).toEqual([]);
    expect(rules('two')).toEqual([]);
    expect(events.map((e) => e.type === 'modified' && e.resource.name)).toEqual(['two', 'one']);
    events.length = 0;
    index.remove('cm:a/g2');
    expect(rules('g1')).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['deleted', 'modified']);
  });
});
