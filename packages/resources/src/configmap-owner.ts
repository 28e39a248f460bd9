// Who else writes a ConfigMap: Helm, Argo CD or Flux put it there from a chart or from Git and put
// it back at their next upgrade, sync or reconciliation, so an edit made in the console does not
// last. Read from the marks each tool leaves: Helm's `app.kubernetes.io/managed-by: Helm` (with
// `meta.helm.sh/release-name`), Argo CD's `argocd.argoproj.io/tracking-id` annotation (or its
// older `app.kubernetes.io/instance` label beside an `argocd.argoproj.io/` annotation), and the
// `kustomize.toolkit.fluxcd.io/*` and `helm.toolkit.fluxcd.io/*` labels of Flux's controllers.
import { toYamlText } from './serialize.ts';

export type OwnerTool = 'Helm' | 'Argo CD' | 'Flux';

export interface ConfigMapOwner {
  tool: OwnerTool;
  /** `helm-managed`, `argocd-managed` or `flux-managed`. */
  rule: string;
  /** The release, application, Kustomization or HelmRelease, when the marks name it. */
  source: string | null;
  /** What happens to an edit and where to make it instead. */
  message: string;
}

export interface ConfigMapMeta {
  namespace?: string;
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const ARGO = 'argocd.argoproj.io/';
const FLUX_KUSTOMIZE = 'kustomize.toolkit.fluxcd.io/';
const FLUX_HELM = 'helm.toolkit.fluxcd.io/';

export function configMapOwner(cm: ConfigMapMeta): ConfigMapOwner | undefined {
  const labels = cm.labels ?? {};
  const notes = cm.annotations ?? {};
  const what = `ConfigMap ${cm.namespace ? `${cm.namespace}/` : ''}${cm.name}`;
  const gitops = (tool: OwnerTool, rule: string, source: string | null): ConfigMapOwner => ({
    tool,
    rule,
    source,
    message: `${what} is managed by ${tool}${source ? ` (${source})` : ''}: your edit will be reverted at the next sync; change it in Git`,
  });

  const tracking = notes[`${ARGO}tracking-id`];
  if (tracking !== undefined)
    return gitops('Argo CD', 'argocd-managed', `application ${tracking.split(':')[0] ?? tracking}`);
  const instance = labels['app.kubernetes.io/instance'];
  if (instance !== undefined && Object.keys(notes).some((k) => k.startsWith(ARGO)))
    return gitops('Argo CD', 'argocd-managed', `application ${instance}`);

  const fluxSource = (prefix: string, kind: string) => {
    const name = labels[`${prefix}name`] ?? notes[`${prefix}name`];
    const ns = labels[`${prefix}namespace`] ?? notes[`${prefix}namespace`];
    return name ? `${kind} ${ns ? `${ns}/` : ''}${name}` : null;
  };
  const marked = (prefix: string) =>
    [...Object.keys(labels), ...Object.keys(notes)].some((k) => k.startsWith(prefix));
  if (marked(FLUX_HELM))
    return gitops('Flux', 'flux-managed', fluxSource(FLUX_HELM, 'HelmRelease'));
  if (marked(FLUX_KUSTOMIZE))
    return gitops('Flux', 'flux-managed', fluxSource(FLUX_KUSTOMIZE, 'Kustomization'));

  if (labels['app.kubernetes.io/managed-by'] === 'Helm') {
    const release = notes['meta.helm.sh/release-name'];
    return {
      tool: 'Helm',
      rule: 'helm-managed',
      source: release ? `release ${release}` : null,
      message: `${what} is managed by Helm${release ? ` (release ${release})` : ''}: an edit made here is overwritten by the next helm upgrade; change the chart instead`,
    };
  }
  return undefined;
}

/** Marks that tools and the cluster write themselves: they do not belong in a manifest in Git. */
const WRITTEN_BY_TOOLS = [
  ARGO,
  FLUX_KUSTOMIZE,
  FLUX_HELM,
  'meta.helm.sh/',
  'kubectl.kubernetes.io/last-applied-configuration',
  'perses-cm.dev/',
];

const keep = (entries: Record<string, string> | undefined) => {
  const kept = Object.entries(entries ?? {}).filter(
    ([k]) => !WRITTEN_BY_TOOLS.some((prefix) => k.startsWith(prefix)),
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
};

/**
 * The ConfigMap as a manifest to commit where it really lives (a chart, a Git repository): its
 * name, namespace, own labels and annotations, and `data` with the given texts, written by the
 * model's one YAML writer. Marks the tools add at apply time are left out.
 */
export function configMapManifest(cm: ConfigMapMeta, data: Record<string, string>): string {
  const labels = keep(cm.labels);
  const annotations = keep(cm.annotations);
  return toYamlText({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: cm.name,
      ...(cm.namespace ? { namespace: cm.namespace } : {}),
      ...(labels ? { labels } : {}),
      ...(annotations ? { annotations } : {}),
    },
    data,
  });
}
