// The shared, indexed view of everything a store holds: each container is parsed and linted once
// per change into precomputed summaries, indexed by kind, namespace, project and identity, and
// diffed into resource events. Lists read these summaries; nothing deep-copies the cache.
import { createHash } from 'node:crypto';
import {
  ResourceSummary,
  type Finding,
  type ListResourcesQuery,
  type ResourceEvent,
} from '@perses-cm/api';
import type { Container, StoreEntry } from '../stores/store.ts';
import { identity, identityKeyOf, parse, validate } from './model.ts';

export interface IndexedResource {
  summary: ResourceSummary;
  /** The summary serialised once, so a list of thousands is a string join, not a stringify. */
  json: string;
  entry: StoreEntry;
  /** Position of the document in a list file or key; 0 for a single document. */
  docIndex: number;
  findings: Finding[];
  identityKey: string | null;
  search: string;
}

type Listener = (event: ResourceEvent) => void;

export class ResourceIndex {
  private byId = new Map<string, IndexedResource>();
  private byContainer = new Map<string, string[]>();
  private byKind = new Map<string, Set<string>>();
  private byNamespace = new Map<string, Set<string>>();
  private byProject = new Map<string, Set<string>>();
  private byIdentity = new Map<string, Set<string>>();
  private sorted: IndexedResource[] | null = null;
  private listeners = new Set<Listener>();

  get size(): number {
    return this.byId.size;
  }

  get(id: string): IndexedResource | undefined {
    return this.byId.get(id);
  }

  /** Resources sharing a Perses identity (kind, project, lower-cased name). */
  withIdentity(key: string): IndexedResource[] {
    return [...(this.byIdentity.get(key) ?? [])].flatMap((id) => this.byId.get(id) ?? []);
  }

  idsOfContainer(key: string): readonly string[] {
    return this.byContainer.get(key) ?? [];
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces a container's resources and emits added / modified / deleted events. */
  put(container: Container): void {
    const next = indexContainer(container);
    const before = new Map(
      (this.byContainer.get(container.key) ?? []).flatMap((id) => {
        const r = this.byId.get(id);
        return r ? [[id, r] as const] : [];
      }),
    );
    for (const r of before.values()) this.unlink(r);
    for (const r of next) this.link(r);
    this.byContainer.set(
      container.key,
      next.map((r) => r.summary.id),
    );
    this.sorted = null;
    for (const r of next) {
      const old = before.get(r.summary.id);
      before.delete(r.summary.id);
      if (!old) this.emit({ type: 'added', resource: r.summary });
      else if (old.summary.version !== r.summary.version || old.entry.text !== r.entry.text) {
        this.emit({ type: 'modified', resource: r.summary });
      }
    }
    for (const old of before.values()) this.emit({ type: 'deleted', resource: old.summary });
  }

  remove(containerKey: string): void {
    const ids = this.byContainer.get(containerKey) ?? [];
    this.byContainer.delete(containerKey);
    this.sorted = null;
    for (const id of ids) {
      const r = this.byId.get(id);
      if (!r) continue;
      this.unlink(r);
      this.emit({ type: 'deleted', resource: r.summary });
    }
  }

  emitStatus(event: Extract<ResourceEvent, { type: 'stale' | 'recovered' }>): void {
    this.emit(event);
  }

  /** Filtered resources, sorted by kind, project and name; `allow` filters by namespace. */
  list(query: ListResourcesQuery, allow: (ns: string | null) => boolean): IndexedResource[] {
    const sets: Set<string>[] = [];
    if (query.kind) sets.push(this.byKind.get(query.kind) ?? new Set());
    if (query.namespace) sets.push(this.byNamespace.get(query.namespace) ?? new Set());
    if (query.project) sets.push(this.byProject.get(query.project.toLowerCase()) ?? new Set());
    const q = query.q?.toLowerCase().trim();
    const candidates =
      sets.length === 0
        ? this.sortedAll()
        : this.sortedSubset(sets.sort((a, b) => a.size - b.size));
    const out: IndexedResource[] = [];
    for (const r of candidates) {
      if (!allow(r.summary.namespace)) continue;
      if (q && !r.search.includes(q)) continue;
      out.push(r);
    }
    return out;
  }

  namespaces(): string[] {
    return [...this.byNamespace.keys()].sort();
  }

  private sortedAll(): IndexedResource[] {
    this.sorted ??= [...this.byId.values()].sort(compareResources);
    return this.sorted;
  }

  private sortedSubset(sets: Set<string>[]): IndexedResource[] {
    const [smallest, ...rest] = sets;
    const picked: IndexedResource[] = [];
    for (const id of smallest ?? []) {
      if (rest.every((s) => s.has(id))) {
        const r = this.byId.get(id);
        if (r) picked.push(r);
      }
    }
    return picked.sort(compareResources);
  }

  private link(r: IndexedResource): void {
    const id = r.summary.id;
    this.byId.set(id, r);
    addTo(this.byKind, r.summary.kind, id);
    if (r.summary.namespace !== null) addTo(this.byNamespace, r.summary.namespace, id);
    if (r.summary.project !== null) addTo(this.byProject, r.summary.project.toLowerCase(), id);
    if (r.identityKey !== null) addTo(this.byIdentity, r.identityKey, id);
  }

  private unlink(r: IndexedResource): void {
    const id = r.summary.id;
    this.byId.delete(id);
    removeFrom(this.byKind, r.summary.kind, id);
    if (r.summary.namespace !== null) removeFrom(this.byNamespace, r.summary.namespace, id);
    if (r.summary.project !== null) removeFrom(this.byProject, r.summary.project.toLowerCase(), id);
    if (r.identityKey !== null) removeFrom(this.byIdentity, r.identityKey, id);
  }

  private emit(event: ResourceEvent): void {
    for (const l of this.listeners) l(event);
  }
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}

function compareResources(a: IndexedResource, b: IndexedResource): number {
  const x = a.summary;
  const y = b.summary;
  return (
    x.kind.localeCompare(y.kind) ||
    (x.project ?? '').localeCompare(y.project ?? '') ||
    x.name.localeCompare(y.name) ||
    x.id.localeCompare(y.id)
  );
}

/** Opaque, URL-safe id of a document in an entry; derived from where it is stored. */
export function resourceId(entry: StoreEntry, docIndex: number | null): string {
  const ref = entry.ref;
  const where =
    ref.type === 'configmap'
      ? `cm\n${ref.namespace}\n${ref.name}\n${ref.key}`
      : `file\n${ref.path}`;
  const raw = docIndex === null ? where : `${where}\n#${docIndex}`;
  // Short readable prefix for logs and URLs; the hash keeps ids bounded and unguessable-free.
  const hash = createHash('sha256').update(raw).digest('base64url').slice(0, 22);
  const hint = (ref.type === 'configmap' ? ref.name : (ref.path.split('/').pop() ?? ''))
    .replace(/[^a-zA-Z0-9_.-]/g, '-')
    .slice(0, 60);
  return `${hint}~${hash}`;
}

function indexContainer(container: Container): IndexedResource[] {
  const out: IndexedResource[] = [];
  for (const entry of container.entries) {
    const parsed = parse(entry.text, entry.key);
    const docs = parsed.documents;
    const several = docs.length > 1;
    if (docs.length === 0) {
      out.push(build(entry, 0, null, null, parsed.format, parsed.findings));
      continue;
    }
    docs.forEach((doc, i) => {
      const findings = [...(i === 0 ? parsed.findings : []), ...validate(doc, parsed.contexts[i])];
      const readOnly = several
        ? `${entry.key} holds ${docs.length} resources; the console edits files and keys that hold one`
        : null;
      out.push(build(entry, i, several ? i : null, doc, parsed.format, findings, readOnly));
    });
  }
  return out;
}

function build(
  entry: StoreEntry,
  docIndex: number,
  idIndex: number | null,
  doc: unknown,
  format: 'json' | 'yaml',
  findings: Finding[],
  readOnly: string | null = null,
): IndexedResource {
  const id = doc === null ? null : identity(doc);
  const display = displayNameOf(doc);
  const summary: ResourceSummary = ResourceSummary.parse({
    id: resourceId(entry, idIndex),
    kind: id?.kind ?? kindOf(doc) ?? 'Unknown',
    project: id?.project ?? null,
    name: id?.name ?? entry.key,
    displayName: display,
    namespace: entry.namespace,
    configMapName: entry.configMapName,
    key: entry.key,
    version: entry.version,
    sizeBytes: Buffer.byteLength(entry.text, 'utf8'),
    format,
    findings: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
    },
    readOnly: entry.readOnly ?? readOnly,
  });
  const search = [summary.name, display, summary.project, entry.configMapName, entry.key]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
  return {
    summary,
    json: JSON.stringify(summary),
    entry,
    docIndex,
    findings,
    identityKey: id ? identityKeyOf(id) : null,
    search,
  };
}

function kindOf(doc: unknown): string | null {
  const kind = (doc as { kind?: unknown } | null)?.kind;
  return typeof kind === 'string' && kind.length <= 64 ? kind : null;
}

function displayNameOf(doc: unknown): string | null {
  const name = (doc as { spec?: { display?: { name?: unknown } } } | null)?.spec?.display?.name;
  return typeof name === 'string' ? name : null;
}
