// Naming of the ConfigMap that holds one resource and of its data key. Both must be deterministic
// (the same resource always lands in the same place) and collision-free, while staying readable.
// Both come from the identity as Perses keys it by default, name and project lower-cased (the
// console's identity too): `MyDash` and `mydash` are one resource, so two writers creating it,
// in either spelling, meet on one ConfigMap name, and Kubernetes refuses the second.

import { shortHash } from './bytes.ts';
import type { DocFormat } from './doc-format.ts';
import type { ResourceIdentity } from './identity.ts';
import { kindInfo } from './kinds.ts';
import { DNS1123_SUBDOMAIN_MAX, dns1123SubdomainProblem } from './names.ts';

const HASH_LENGTH = 10;

/** The identity with name and project lower-cased, as Perses stores them by default. */
function folded(id: ResourceIdentity): ResourceIdentity {
  const out: ResourceIdentity = { kind: id.kind, name: id.name.toLowerCase() };
  if (id.project !== undefined) out.project = id.project.toLowerCase();
  return out;
}

function exactIdentity(id: ResourceIdentity): string {
  const scoped = kindInfo(id.kind)?.scope === 'project';
  return scoped ? `${id.kind}/${id.project ?? ''}/${id.name}` : `${id.kind}/${id.name}`;
}

/** Lower-case, forbidden characters as `-`, no leading/trailing separators: readable, lossy. */
function sanitize(part: string): string {
  return part
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-*\.-*/g, '.')
    .replace(/^[-.]+|[-.]+$/g, '');
}

/**
 * `<kind>-<project>-<name>` (global kinds: `<kind>-<name>`), e.g. `dashboard-myproject-mydash`,
 * from the lower-cased identity.
 *
 * The plain form is used only when it can be read back unambiguously: name and project
 * DNS material, and a project without `-` (Perses names may contain `-`, so
 * `a-b`/`c` and `a`/`b-c` would otherwise both give `dashboard-a-b-c`). Every other identity
 * (upper case, `_`, a `-` in the project, too long) gets the sanitised form plus a hash of the
 * lower-cased identity, trimmed so the result stays ≤253 and never ends with `-`.
 */
export function configMapNameFor(spelled: ResourceIdentity): string {
  const id = folded(spelled);
  const kind = id.kind.toLowerCase();
  const scoped = kindInfo(id.kind)?.scope === 'project';
  const project = id.project ?? '';
  const plainParts = scoped ? [kind, project, id.name] : [kind, id.name];
  const plain = plainParts.join('-');
  const lossless =
    (!scoped || (/^[a-z0-9]+(\.[a-z0-9]+)*$/.test(project) && project.length > 0)) &&
    /^[a-z0-9.-]+$/.test(id.name) &&
    dns1123SubdomainProblem(plain) === undefined;
  if (lossless) return plain;
  const readable = (
    scoped ? [kind, sanitize(project), sanitize(id.name)] : [kind, sanitize(id.name)]
  )
    .filter((p) => p.length > 0)
    .join('-');
  const room = DNS1123_SUBDOMAIN_MAX - HASH_LENGTH - 1;
  const head = readable.slice(0, room).replace(/[-.]+$/, '');
  return `${head}-${shortHash(exactIdentity(id))}`;
}

/**
 * `<kind>.<project>.<name>.<ext>` (global kinds: `<kind>.<name>.<ext>`), lower-cased, e.g.
 * `dashboard.myproject.mydash.json`: one identity, one file for the sidecar. The sidecar writes every key of every ConfigMap into one
 * folder, so the key alone must be unique across the cluster. Perses names only hold
 * `[a-zA-Z0-9_.-]`, all valid in a key; the only ambiguity is a `.` inside the project (the
 * separator), which gets a hash of the identity.
 */
export function dataKeyFor(spelled: ResourceIdentity, format: DocFormat): string {
  const id = folded(spelled);
  const kind = id.kind.toLowerCase();
  const scoped = kindInfo(id.kind)?.scope === 'project';
  const project = id.project ?? '';
  const parts = scoped ? [kind, project, id.name] : [kind, id.name];
  const ambiguous = scoped && (project.includes('.') || project.length === 0);
  const safe = parts.map((p) => p.replace(/[^-._a-zA-Z0-9]/g, '_'));
  const lossy = ambiguous || safe.some((p, i) => p !== parts[i]);
  const stem = lossy ? `${safe.join('.')}.${shortHash(exactIdentity(id))}` : safe.join('.');
  return `${stem}.${format}`;
}

/**
 * The name the chart docs' generator template gives a file under `files/`:
 * `printf "%s-%s" .Release.Name (path | replace "/" "-" | replace ".json" "") | trunc 63`.
 * Used by lint to show where that template breaks (upper case, `_`, a trailing `-` after `trunc`,
 * two long paths cut to the same 63 characters).
 */
export function chartGeneratorConfigMapName(release: string, chartPath: string): string {
  const flattened = chartPath.split('/').join('-').split('.json').join('');
  return `${release}-${flattened}`.slice(0, 63);
}

/** The key that template gives a file: its basename, so same-named files collide. */
export function chartGeneratorDataKey(chartPath: string): string {
  return chartPath.split('/').pop() ?? chartPath;
}
