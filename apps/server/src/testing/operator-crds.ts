// Test helper: the perses-operator's CRDs as the API server needs them to serve custom resources
// (group perses.dev, kinds and plurals of perses/perses-operator's config/crd/bases), with a
// schema that keeps every field: no operator runs, so there is no conversion webhook either.
import {
  ApiextensionsV1Api,
  ApiException,
  CustomObjectsApi,
  KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { eventually } from './sse.ts';

export const GROUP = 'perses.dev';

const keepAll = {
  openAPIV3Schema: {
    type: 'object',
    properties: { spec: { type: 'object', x_kubernetes_preserve_unknown_fields: true } },
  },
};

/** A CRD of `kind` serving `versions`; the last one stores. */
export function crd(
  kind: string,
  plural: string,
  scope: 'Namespaced' | 'Cluster',
  versions: string[],
): V1CustomResourceDefinition {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${GROUP}` },
    spec: {
      group: GROUP,
      scope,
      names: { kind, plural, listKind: `${kind}List`, singular: kind.toLowerCase() },
      versions: versions.map((name, i) => ({
        name,
        served: true,
        storage: i === versions.length - 1,
        schema: keepAll,
      })),
    },
  };
}

export function clients(kubeconfig: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return { ext: kc.makeApiClient(ApiextensionsV1Api), custom: kc.makeApiClient(CustomObjectsApi) };
}

const status = (err: unknown) => (err instanceof ApiException ? err.code : 0);

/** Installs the CRD and waits until its first version is served. */
export async function installCrd(kubeconfig: string, def: V1CustomResourceDefinition) {
  const { ext, custom } = clients(kubeconfig);
  await ext.createCustomResourceDefinition({ body: def });
  const version = def.spec.versions[0]?.name ?? '';
  await eventually(
    () =>
      custom
        .listClusterCustomObject({ group: GROUP, version, plural: def.spec.names.plural })
        .then(() => true),
    30_000,
    `${def.metadata?.name} served`,
  );
}

/** Removes the CRD and waits until the API server no longer serves it. */
export async function removeCrd(kubeconfig: string, plural: string, version: string) {
  const { ext, custom } = clients(kubeconfig);
  await ext.deleteCustomResourceDefinition({ name: `${plural}.${GROUP}` }).catch(() => undefined);
  await eventually(
    () =>
      custom.listClusterCustomObject({ group: GROUP, version, plural }).then(
        () => false,
        (err: unknown) => status(err) === 404,
      ),
    60_000,
    `${plural}.${GROUP} gone`,
  );
}
