// The rules that depend on where a resource sits and on what else is there (DOMAIN pitfalls 2, 3,
// 5, 6, and plaintext credentials in a ConfigMap): ids, wording and the logic over a resource's
// neighbours. The CLI lint finds neighbours by scanning the whole set
// (neighbourhood.ts); the server looks them up in its live index. Both call crossFindings, so
// they find the same clashes and say them in the same words.
import { defaultDatasourceSlot, type DefaultDatasourceSlot } from './default-datasource.ts';
import type { Finding } from './findings.ts';
import { describeIdentity, identityKey, identityOf, type ResourceIdentity } from './identity.ts';
import { kindInfo } from './kinds.ts';

/** The rules crossFindings applies. */
export const PLACEMENT_RULES = [
  'duplicate-identity',
  'sidecar-path-collision',
  'duplicate-default-datasource',
  'unknown-project',
  'plaintext-secret',
] as const;

/** A resource (or a key or file holding none) as the cross-resource rules see it. */
export interface Placement {
  /** Undefined when Perses takes no resource from it (unusable kind or name, ignored file). */
  id?: ResourceIdentity;
  /** Where it is stored, for messages: see describeLocation. */
  at: string;
  /** What holds it (a ConfigMap `ns/name`, a file): documents of one container never clash by file. */
  container: string;
  /** The file the sidecar writes it to; undefined when it does not come from a ConfigMap. */
  sidecarPath?: string;
  /** The plugin kind and scope it claims as a default datasource (one default each). */
  defaultSlot?: DefaultDatasourceSlot;
  /** Whether it ends up in a ConfigMap (stored in one, or a chart file rendered into one). */
  inConfigMap: boolean;
}

/** Other placements that may clash with one. Each list may hold the placement itself. */
export interface Neighbours {
  sameIdentity: readonly Placement[];
  sameSidecarPath: readonly Placement[];
  sameDefaultSlot: readonly Placement[];
  /** Whether a Project resource defines the placement's project. */
  projectDefined: boolean;
}

export interface Location {
  configMap?: { namespace?: string; name: string; key: string };
  path?: string;
  line?: number;
}

/** `ConfigMap ns/name key "k"`, or `path:line` for a file. */
export function describeLocation(loc: Location): string {
  const cm = loc.configMap;
  if (cm) return `ConfigMap ${cm.namespace ? `${cm.namespace}/` : ''}${cm.name} key "${cm.key}"`;
  return `${loc.path ?? '(text)'}${loc.line !== undefined ? `:${loc.line}` : ''}`;
}

/** The placement of a parsed document (undefined: Perses takes nothing from it). */
export function placementOf(
  doc: unknown,
  where: Pick<Placement, 'at' | 'container' | 'sidecarPath' | 'inConfigMap'>,
): Placement {
  const id = identityOf(doc);
  const slot = defaultDatasourceSlot(doc);
  return { ...where, ...(id ? { id } : {}), ...(slot ? { defaultSlot: slot } : {}) };
}

/** The first of `others` in a stable order, and how many more distinct places there are. */
function firstOf(others: Placement[]): { first: Placement; more: string } | null {
  const places = [...new Map(others.map((o) => [o.at, o])).values()];
  places.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const first = places[0];
  if (!first) return null;
  return { first, more: places.length > 1 ? ` (and ${places.length - 1} more)` : '' };
}

function whoOf(id: ResourceIdentity | undefined): Pick<Finding, 'kind' | 'project' | 'name'> {
  if (!id) return {};
  return {
    kind: id.kind,
    name: id.name,
    ...(id.project !== undefined ? { project: id.project } : {}),
  };
}

/**
 * Findings of `p` against its neighbours. Every holder of a clash is flagged, naming another,
 * since which one wins depends on the order the sidecar and Perses happen to load them.
 */
export function crossFindings(p: Placement, n: Neighbours): Finding[] {
  const findings: Finding[] = [];
  const who = whoOf(p.id);
  const twin = firstOf(n.sameIdentity.filter((o) => o !== p));
  if (p.id && twin)
    findings.push({
      ...who,
      severity: 'error',
      rule: 'duplicate-identity',
      field: 'metadata.name',
      message: `${describeIdentity(p.id)} is also defined at ${twin.first.at}${twin.more} (Perses lower-cases names): both are applied every cycle and the last one wins; keep one`,
    });
  const sameFile = firstOf(n.sameSidecarPath.filter((o) => o.container !== p.container));
  if (p.sidecarPath !== undefined && sameFile)
    findings.push({
      ...who,
      severity: 'error',
      rule: 'sidecar-path-collision',
      message: `${p.at} and ${sameFile.first.at}${sameFile.more} are ${sameFile.more ? 'all' : 'both'} written to ${p.sidecarPath} by the sidecar: the last writer wins and deleting either deletes the file; give every key a cluster-unique name`,
    });
  // Two copies of one identity are already a duplicate-identity error.
  const rival = firstOf(n.sameDefaultSlot.filter((o) => o !== p && !sameIdentity(o.id, p.id)));
  if (p.id && p.defaultSlot && rival?.first.id)
    findings.push({
      ...who,
      severity: 'error',
      rule: 'duplicate-default-datasource',
      field: 'spec.default',
      message: `${describeIdentity(p.id)} is a second default ${p.defaultSlot.pluginKind} datasource in the ${p.defaultSlot.scope} scope (${describeIdentity(rival.first.id)} at ${rival.first.at}${rival.more} is one already): Perses refuses it; set default: false on one`,
    });
  const project = p.id?.project;
  if (p.id && project && kindInfo(p.id.kind)?.scope === 'project' && !n.projectDefined)
    findings.push({
      ...who,
      severity: 'warning',
      rule: 'unknown-project',
      field: 'metadata.project',
      message: `${describeIdentity(p.id)}: project "${project}" is not defined by any resource here; Perses refuses the resource unless that project already exists`,
    });
  if (p.id && p.inConfigMap && CREDENTIAL_KINDS.has(p.id.kind))
    findings.push({
      ...who,
      severity: 'warning',
      rule: 'plaintext-secret',
      message: `${describeIdentity(p.id)} puts ${p.id.kind === 'User' ? 'a password' : 'credentials'} in plain text in a ConfigMap, readable by anyone who can read ConfigMaps; prefer a Kubernetes Secret-backed setup or *File fields`,
    });
  return findings;
}

/**
 * The placement rules that need no neighbours (plaintext credentials), for a text being edited:
 * the editor flags them as the list and lint do, before the text is saved anywhere.
 */
export function standaloneFindings(doc: unknown): Finding[] {
  const p = placementOf(doc, { at: '(text)', container: '(text)', inConfigMap: true });
  const none: Placement[] = [];
  return crossFindings(p, {
    sameIdentity: none,
    sameSidecarPath: none,
    sameDefaultSlot: none,
    projectDefined: true,
  });
}

const CREDENTIAL_KINDS = new Set(['Secret', 'GlobalSecret', 'User']);

function sameIdentity(a: ResourceIdentity | undefined, b: ResourceIdentity | undefined): boolean {
  return a !== undefined && b !== undefined && identityKey(a) === identityKey(b);
}
