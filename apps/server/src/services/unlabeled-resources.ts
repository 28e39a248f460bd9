// Resources in ConfigMaps without the label, for callers who ask (`unlabeled=true`): listed from
// the store on demand with the same per-identity checks as other reads, shown read-only, and
// never merged into the shared index, so the labeled cache pays nothing for them.
import type { ListResourcesQuery, SourceError, Verb } from '@perses-cm/api';
import type { Container, UnlabeledSource } from '../stores/store.ts';
import { AppError, toSourceError } from '../domain/errors.ts';
import type { Authorizer, Identity } from '../domain/identity.ts';
import { compareResources } from './resource-index.ts';
import { indexContainer, withSummary, type IndexedResource } from './resource-summary.ts';

/** Ids handed out by lists beyond this many are forgotten (a GET then needs a fresh list). */
const MAX_KNOWN = 20_000;

export class UnlabeledResources {
  /** Indexed once per container the source returns (it reuses unchanged ones). */
  private indexed = new WeakMap<Container, IndexedResource[]>();
  /** Where the ids of listed resources live, so a GET can re-read their ConfigMap. */
  private known = new Map<string, { namespace: string; name: string }>();

  constructor(
    private readonly source: UnlabeledSource | null,
    private readonly authorizer: Authorizer,
  ) {}

  async list(
    who: Identity,
    query: ListResourcesQuery,
  ): Promise<{ resources: IndexedResource[]; errors: SourceError[] }> {
    const source = this.source;
    if (!source) return { resources: [], errors: [] };
    const errors: SourceError[] = [];
    const resources: IndexedResource[] = [];
    await Promise.all(
      scopesFor(source.scopes(), query.namespace).map(async (scope) => {
        if (scope !== null && !(await this.allowed(who, 'list', scope, errors))) return;
        let containers: Container[];
        try {
          containers = await source.list(scope);
        } catch (err) {
          errors.push(toSourceError(scope ?? 'all namespaces', err));
          return;
        }
        // A cluster-wide list is checked per namespace, as the labeled list is.
        const verdicts = new Map<string, Promise<boolean>>();
        for (const c of containers) {
          const first = c.entries[0];
          if (!first?.namespace || !first.configMapName) continue;
          const ns = first.namespace;
          if (scope === null && !verdicts.has(ns))
            verdicts.set(ns, this.allowed(who, 'list', ns, errors));
          if (scope === null && !(await verdicts.get(ns))) continue;
          for (const r of this.resourcesOf(c)) {
            this.remember(r.summary.id, ns, first.configMapName);
            if (matches(r, query)) resources.push(r);
          }
        }
      }),
    );
    return { resources: resources.sort(compareResources), errors };
  }

  /** A resource from an earlier list, re-read from the store; undefined when it is not one. */
  async find(who: Identity, id: string, verb: Verb): Promise<IndexedResource | undefined> {
    const at = this.known.get(id);
    if (!at || !this.source) return undefined;
    const d = await this.authorizer.can(who, verb, at.namespace);
    if (!d.allowed)
      throw new AppError('forbidden', d.reason ?? 'not allowed to read this resource');
    const container = await this.source.read(at.namespace, at.name);
    const r = container ? this.resourcesOf(container).find((x) => x.summary.id === id) : undefined;
    if (!r) this.known.delete(id);
    return r;
  }

  private resourcesOf(c: Container): IndexedResource[] {
    let rs = this.indexed.get(c);
    if (!rs) {
      rs = indexContainer(c).map((r) => withSummary(r, { ...r.summary, unlabeled: true }));
      this.indexed.set(c, rs);
    }
    return rs;
  }

  private remember(id: string, namespace: string, name: string): void {
    if (this.known.size >= MAX_KNOWN && !this.known.has(id)) this.known.clear();
    this.known.set(id, { namespace, name });
  }

  private async allowed(
    who: Identity,
    verb: Verb,
    ns: string,
    errors: SourceError[],
  ): Promise<boolean> {
    const d = await this.authorizer.can(who, verb, ns).catch(() => ({ allowed: false }));
    if (!d.allowed)
      errors.push({
        source: ns,
        code: 'forbidden',
        message: ('reason' in d && d.reason) || `may not list ConfigMaps in ${ns}`,
      });
    return d.allowed;
  }
}

/** The store's scopes narrowed to one namespace when the query names one. */
function scopesFor(scopes: (string | null)[], namespace: string | undefined): (string | null)[] {
  if (namespace === undefined) return scopes;
  return scopes.includes(null) || scopes.includes(namespace) ? [namespace] : [];
}

function matches(r: IndexedResource, query: ListResourcesQuery): boolean {
  const s = r.summary;
  const q = query.q?.toLowerCase().trim();
  return (
    (!query.kind || s.kind === query.kind) &&
    (!query.namespace || s.namespace === query.namespace) &&
    (!query.project || s.project?.toLowerCase() === query.project.toLowerCase()) &&
    (!q || r.search.includes(q))
  );
}
