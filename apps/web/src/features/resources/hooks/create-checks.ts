// What the create page checks before Create, against what the list already holds: the same
// Perses identity once Perses lower-cases it, and the ConfigMap name (DNS-1123, not taken).
import type { ResourceSummary } from '@perses-cm/api';
import {
  describeIdentity,
  dns1123SubdomainProblem,
  identityKey,
  kindInfo,
  type ResourceIdentity,
} from '@perses-cm/resources';

/** The resource Perses would take for the same one (it lower-cases names), in words. */
export function identityClash(
  id: ResourceIdentity | undefined,
  items: readonly ResourceSummary[],
): string | null {
  if (!id) return null;
  const key = identityKey(id);
  const twin = items.find((i) => {
    const info = kindInfo(i.kind);
    if (!info) return false;
    return (
      identityKey({
        kind: info.kind,
        name: i.name,
        ...(i.project ? { project: i.project } : {}),
      }) === key
    );
  });
  if (!twin) return null;
  const exact = twin.name === id.name && (twin.project ?? undefined) === id.project;
  const where = twin.configMapName ? `ConfigMap ${twin.namespace}/${twin.configMapName}` : twin.key;
  return exact
    ? `${describeIdentity(id)} already exists (${where})`
    : `${describeIdentity(id)} is the same resource as ${twin.project ? `${twin.project}/` : ''}${twin.name} for Perses, which lower-cases names (${where}): choose another name`;
}

/** Why a ConfigMap name cannot be used in `namespace`, or null. */
export function configMapNameProblem(
  name: string,
  namespace: string,
  items: readonly ResourceSummary[],
): string | null {
  const problem = dns1123SubdomainProblem(name);
  if (problem) return `ConfigMap name ${problem}`;
  const holder = items.find((i) => i.namespace === namespace && i.configMapName === name);
  return holder
    ? `ConfigMap ${namespace}/${name} already exists (it holds ${holder.kind} ${holder.name})`
    : null;
}
