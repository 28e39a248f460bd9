// The shared, indexed view of everything a store holds: each container is parsed and linted once
// per change into precomputed summaries, indexed by kind, namespace, project and identity, and
// diffed into resource events. Lists read these summaries; nothing deep-copies the cache.
// At load, large dashboards are indexed from their head (pending) and checked later, in slices
// (IndexChecker) or at once when someone needs their findings (`checked`).
import type { ListResourcesQuery, ResourceEvent } from '@perses-cm/api';
import type { Container } from '../stores/store.ts';
import { CHART_SIDECAR, crossFindings, type SidecarSettings } from '../domain/model.ts';
import {
  indexContainer,
  summarizeContainer,
  withCross,
  type IndexedResource,
} from './resource-summary.ts';

export { resourceId, type IndexedResource } from './resource-summary.ts';

type Listener = (event: ResourceEvent) => void;

export class ResourceIndex {
  private byId = new Map<string, IndexedResource>();
  private byContainer = new Map<string, string[]>();
  private byKind = new Map<string, Set<string>>();
  private byNamespace = new Map<string, Set<string>>();
  private byProject = new Map<string, Set<string>>();
  private byIdentity = new Map<string, Set<string>>();
  private bySidecarPath = new Map<string, Set<string>>();
  private byDefaultSlot = new Map<string, Set<string>>();
  private sorted: IndexedResource[] | null = null;
  /** Containers loaded with pending resources, in load order: what the check still has to do. */
  private unchecked = new Map<string, Container>();
  /** Pending resources and their container. */
  private pendingIds = new Map<string, string>();
  /** Bumped on every change, so callers can cache what they derived from a list. */
  generation = 0;
  private listeners = new Set<Listener>();

  /** `sidecar`: how the running sidecar names files (see indexContainer). */
  constructor(readonly sidecar: SidecarSettings = CHART_SIDECAR) {}

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
    this.unchecked.delete(container.key);
    this.replace(container.key, indexContainer(container, this.sidecar));
  }

  /**
   * Indexes a container of the initial load: large dashboards from their head, as pending
   * resources, the rest fully. Emits like put (at load, nobody listens yet).
   */
  load(container: Container): void {
    const { resources, pending } = summarizeContainer(container, this.sidecar);
    if (pending) this.unchecked.set(container.key, container);
    else this.unchecked.delete(container.key);
    this.replace(container.key, resources);
  }

  remove(containerKey: string): void {
    this.unchecked.delete(containerKey);
    this.replace(containerKey, []);
  }

  /** How many resources wait for their check. */
  get pendingCount(): number {
    return this.pendingIds.size;
  }

  /** The resource with its own findings known: checks it (its whole container) now if pending. */
  checked(id: string): IndexedResource | undefined {
    const containerKey = this.pendingIds.get(id);
    if (containerKey !== undefined) this.check(containerKey);
    return this.byId.get(id);
  }

  /** Checks the container loaded longest ago; false when none is left. */
  checkNext(): boolean {
    const next = this.unchecked.keys().next();
    if (next.done) return false;
    this.check(next.value);
    return true;
  }

  /** Parses and validates a pending container fully; a changed summary is emitted as modified. */
  private check(containerKey: string): void {
    const container = this.unchecked.get(containerKey);
    if (!container) return;
    this.unchecked.delete(containerKey);
    this.replace(containerKey, indexContainer(container, this.sidecar));
  }

  private replace(containerKey: string, fresh: IndexedResource[]): void {
    const before = new Map(
      (this.byContainer.get(containerKey) ?? []).flatMap((id) => {
        const r = this.byId.get(id);
        return r ? [[id, r] as const] : [];
      }),
    );
    for (const r of before.values()) {
      this.unlink(r);
      this.pendingIds.delete(r.summary.id);
    }
    for (const r of fresh) {
      this.link(r);
      if (r.pending) this.pendingIds.set(r.summary.id, containerKey);
    }
    if (fresh.length > 0)
      this.byContainer.set(
        containerKey,
        fresh.map((r) => r.summary.id),
      );
    else this.byContainer.delete(containerKey);
    this.sorted = null;
    this.generation++;
    // Neighbours of what left or arrived may gain or lose cross-resource findings.
    const related = new Set<string>();
    for (const r of [...before.values(), ...fresh]) this.collectRelated(r, related);
    const changedNeighbours: IndexedResource[] = [];
    for (const id of related) {
      const r = this.byId.get(id);
      if (!r) continue;
      const next = this.recomputeCross(r);
      if (next !== r && !before.has(id) && !fresh.some((f) => f.summary.id === id))
        changedNeighbours.push(next);
    }
    for (const f of fresh) {
      const r = this.byId.get(f.summary.id) ?? f;
      const old = before.get(f.summary.id);
      before.delete(f.summary.id);
      if (!old) this.emit({ type: 'added', resource: r.summary });
      else if (
        old.summary.version !== r.summary.version ||
        // The same entry (a check) has the same text: texts may be costly to read.
        (old.entry !== r.entry && old.entry.text !== r.entry.text) ||
        old.json !== r.json
      ) {
        this.emit({ type: 'modified', resource: r.summary });
      }
    }
    for (const old of before.values()) this.emit({ type: 'deleted', resource: old.summary });
    for (const r of changedNeighbours) this.emit({ type: 'modified', resource: r.summary });
  }

  private collectRelated(r: IndexedResource, out: Set<string>): void {
    const add = (ids: Set<string> | undefined) => ids?.forEach((id) => out.add(id));
    const keys = r.keys;
    if (keys.identity !== null) add(this.byIdentity.get(keys.identity));
    if (keys.sidecarPath !== null) add(this.bySidecarPath.get(keys.sidecarPath));
    if (keys.defaultSlot !== null) add(this.byDefaultSlot.get(keys.defaultSlot));
    if (r.placement.id?.kind === 'Project')
      add(this.byProject.get(r.placement.id.name.toLowerCase()));
    if (this.byId.has(r.summary.id)) out.add(r.summary.id);
  }

  /** Recomputes a resource's cross findings; returns the same object when nothing changed. */
  private recomputeCross(r: IndexedResource): IndexedResource {
    const near = (map: Map<string, Set<string>>, key: string | null) =>
      key === null
        ? []
        : [...(map.get(key) ?? [])].flatMap((id) => this.byId.get(id)?.placement ?? []);
    const keys = r.keys;
    const cross = crossFindings(r.placement, {
      sameIdentity: near(this.byIdentity, keys.identity),
      sameSidecarPath: near(this.bySidecarPath, keys.sidecarPath),
      sameDefaultSlot: near(this.byDefaultSlot, keys.defaultSlot),
      projectDefined: keys.project === null || this.byIdentity.has(keys.project),
    });
    if (JSON.stringify(cross) === JSON.stringify(r.cross)) return r;
    const next = withCross(r, cross);
    this.byId.set(r.summary.id, next);
    this.sorted = null;
    return next;
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
    const keys = r.keys;
    if (keys.identity !== null) addTo(this.byIdentity, keys.identity, id);
    if (keys.sidecarPath !== null) addTo(this.bySidecarPath, keys.sidecarPath, id);
    if (keys.defaultSlot !== null) addTo(this.byDefaultSlot, keys.defaultSlot, id);
  }

  private unlink(r: IndexedResource): void {
    const id = r.summary.id;
    this.byId.delete(id);
    removeFrom(this.byKind, r.summary.kind, id);
    if (r.summary.namespace !== null) removeFrom(this.byNamespace, r.summary.namespace, id);
    if (r.summary.project !== null) removeFrom(this.byProject, r.summary.project.toLowerCase(), id);
    const keys = r.keys;
    if (keys.identity !== null) removeFrom(this.byIdentity, keys.identity, id);
    if (keys.sidecarPath !== null) removeFrom(this.bySidecarPath, keys.sidecarPath, id);
    if (keys.defaultSlot !== null) removeFrom(this.byDefaultSlot, keys.defaultSlot, id);
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

/** Order of every list: kind, project, name, then id. */
export function compareResources(a: IndexedResource, b: IndexedResource): number {
  const x = a.summary;
  const y = b.summary;
  return (
    x.kind.localeCompare(y.kind) ||
    (x.project ?? '').localeCompare(y.project ?? '') ||
    x.name.localeCompare(y.name) ||
    x.id.localeCompare(y.id)
  );
}
