// The owners of a ConfigMap that put it back after an edit, read from the marks each tool leaves,
// and the manifest to change in their source instead.
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { configMapManifest, configMapOwner } from './configmap-owner.ts';

const cm = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({
  namespace: 'perses',
  name: 'dashboard-a-b',
  labels: { 'perses.dev/resource': 'true', ...labels },
  annotations,
});

describe('configMapOwner', () => {
  it('names the Argo CD application from its tracking id', () => {
    const owner = configMapOwner(
      cm({}, { 'argocd.argoproj.io/tracking-id': 'dashboards:/ConfigMap:perses/dashboard-a-b' }),
    );
    expect(owner).toEqual({
      tool: 'Argo CD',
      rule: 'argocd-managed',
      source: 'application dashboards',
      message:
        'ConfigMap perses/dashboard-a-b is managed by Argo CD (application dashboards): your edit will be reverted at the next sync; change it in Git',
    });
  });

  it("takes the instance label for Argo CD only beside one of Argo's annotations", () => {
    const instance = { 'app.kubernetes.io/instance': 'monitoring' };
    expect(configMapOwner(cm(instance))).toBeUndefined();
    const argo = cm(instance, { 'argocd.argoproj.io/sync-options': 'Prune=false' });
    expect(configMapOwner(argo)?.source).toBe('application monitoring');
  });

  it("names Flux's Kustomization or HelmRelease, before Helm's own label", () => {
    const kustomize = cm({
      'kustomize.toolkit.fluxcd.io/name': 'apps',
      'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
    });
    expect(configMapOwner(kustomize)).toMatchObject({
      tool: 'Flux',
      rule: 'flux-managed',
      source: 'Kustomization flux-system/apps',
    });
    const helmRelease = cm({
      'app.kubernetes.io/managed-by': 'Helm',
      'helm.toolkit.fluxcd.io/name': 'perses',
      'helm.toolkit.fluxcd.io/namespace': 'monitoring',
    });
    expect(configMapOwner(helmRelease)?.source).toBe('HelmRelease monitoring/perses');
  });

  it('keeps the Helm warning as it was', () => {
    const helm = cm(
      { 'app.kubernetes.io/managed-by': 'Helm' },
      { 'meta.helm.sh/release-name': 'r' },
    );
    expect(configMapOwner(helm)).toMatchObject({ tool: 'Helm', rule: 'helm-managed' });
    expect(configMapOwner(cm({}))).toBeUndefined();
  });
});

describe('configMapManifest', () => {
  it("writes the ConfigMap with its own labels and the text, without the tools' marks", () => {
    const text = '{\n  "kind": "Dashboard",\n  "metadata": {"name": "1_0"}\n}\n';
    const manifest = configMapManifest(
      cm(
        { 'kustomize.toolkit.fluxcd.io/name': 'apps', team: 'sre' },
        {
          'perses-cm.dev/last-applied-by': 'x',
          'argocd.argoproj.io/tracking-id': 'a:b',
          note: 'n',
        },
      ),
      { 'dashboard.a.b.json': text },
    );
    expect(parse(manifest)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: 'dashboard-a-b',
        namespace: 'perses',
        labels: { 'perses.dev/resource': 'true', team: 'sre' },
        annotations: { note: 'n' },
      },
      data: { 'dashboard.a.b.json': text },
    });
  });
});
