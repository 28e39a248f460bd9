// The rules of reading and writing resources: authorization of reads, identity conflicts,
// validation before any write, version preconditions and read-only containers. No HTTP here.
import type {
  ApplyOutcome,
  CreateResourceRequest,
  ListResourcesQuery,
  ResourceDetail,
  ResourceSummary,
  SourceError,
  SplitPlan,
  UpdateResourceRequest,
  Verb,
} from '@perses-cm/api';
import type { ResourceStore } from '../stores/store.ts';
import { AppError, notFound, toSourceError } from '../domain/errors.ts';
import { readDocument, type CheckedDocument } from './document-input.ts';
import { isPerson, type Authorizer, type Decision, type Identity } from '../domain/identity.ts';
import { identity, identityKey, parse, validate } from '../domain/model.ts';
import type { IndexedResource, ResourceIndex } from './resource-index.ts';
import { IdentityClaims, where } from './identity-claims.ts';
import { compareResources } from './resource-index.ts';
import type { UnlabeledResources } from './unlabeled-resources.ts';
import type { ApplyNow } from './apply/apply-now.ts';
import { skipped } from './apply/write-target.ts';
import { SplitService } from './split-service.ts';

/** Who sees what: namespaces hidden from a caller (sorted) and the sources that failed. */
export interface ListView {
  denied: string[];
  errors: SourceError[];
}

export class ResourceService {
  private readonly splitter: SplitService;
  private readonly claims: IdentityClaims;

  constructor(
    private readonly store: ResourceStore,
    private readonly index: ResourceIndex,
    private readonly authorizer: Authorizer,
    private readonly unlabeled: UnlabeledResources | null = null,
    private readonly applyNow: ApplyNow | null = null,
  ) {
    this.splitter = new SplitService(store, index);
    this.claims = new IdentityClaims(store, index, authorizer, (r) => this.detail(r));
  }

  /** Summaries the identity may read (as indexed resources) and the sources that failed. */
  async list(
    who: Identity,
    query: ListResourcesQuery,
  ): Promise<{ resources: IndexedResource[]; errors: SourceError[]; generation: number }> {
    const view = await this.access(who, query);
    const generation = this.index.generation;
    const resources = this.labeled(view, query);
    const errors = [...view.errors];
    if (query.unlabeled !== 'true' || !this.unlabeled) return { resources, errors, generation };
    const extra = await this.unlabeled.list(who, query);
    // A label changed between the watch and this list: the index's copy wins.
    const fresh = extra.resources.filter((r) => !this.index.get(r.summary.id));
    const seen = new Set(errors.map((e) => `${e.source}\n${e.code}`));
    for (const e of extra.errors) if (!seen.has(`${e.source}\n${e.code}`)) errors.push(e);
    return { resources: mergeSorted(resources, fresh), errors, generation };
  }

  /**
   * What a list by `who` depends on besides the index: the namespaces hidden from them and the
   * sources that failed. Two callers with equal views get the same list, so its body can be shared.
   */
  async access(who: Identity, query: ListResourcesQuery): Promise<ListView> {
    const errors: SourceError[] = [...this.store.status().errors];
    // Checked before any access review: each review is a call and a cache entry.
    if (query.namespace) this.assertWatched(query.namespace, 'namespace');
    const namespaces = query.namespace ? [query.namespace] : this.index.namespaces();
    const denied = new Set<string>();
    await Promise.all(
      namespaces.map(async (ns) => {
        // No answer about access hides the namespace, said as such: not as a refusal.
        const d = await this.authorizer.can(who, 'list', ns).catch((err: unknown) => err);
        if (d instanceof Error || !(d as Decision).allowed) {
          denied.add(ns);
          if (d instanceof Error) {
            errors.push(toSourceError(ns, d));
            return;
          }
          // A person is not told about other teams' namespaces unless they asked for one.
          if (isPerson(who) && query.namespace === undefined) return;
          errors.push({
            source: ns,
            code: 'forbidden',
            message: (d as Decision).reason ?? `may not list ConfigMaps in ${ns}`,
          });
        }
      }),
    );
    return { denied: [...denied].sort(), errors };
  }

  /** The index's resources matching `query` that `view` lets its caller see, now. */
  labeled(view: ListView, query: ListResourcesQuery): IndexedResource[] {
    const denied = new Set(view.denied);
    return this.index.list(query, (ns) => ns === null || !denied.has(ns));
  }

  /** Bumped on every change of the index: what was derived from a list stays valid until then. */
  get generation(): number {
    return this.index.generation;
  }

  async get(who: Identity, id: string): Promise<ResourceDetail> {
    const r = await this.readable(who, id, 'get');
    return this.detail(r);
  }

  async create(who: Identity, req: CreateResourceRequest): Promise<ResourceDetail> {
    const doc = readDocument(req);
    const id = this.checkedIdentity(doc);
    const namespace = this.namespaceFor(req.namespace);
    // Before looking for the identity: who may not create here learns nothing of what exists.
    if (namespace !== null) {
      const d = await this.authorizer.can(who, 'create', namespace);
      if (!d.allowed) throw new AppError('forbidden', d.reason ?? `may not create in ${namespace}`);
    }
    if (req.configMapName !== undefined) this.checkConfigMapName(req.configMapName, namespace);
    if (req.applyNow) await this.applyNow?.vet(doc.document, id);
    const created = await this.claims.claim(who, id, () =>
      this.store.create(who, {
        document: doc.document,
        text: doc.text,
        format: doc.format,
        identity: id,
        namespace,
        ...(req.configMapName !== undefined ? { configMapName: req.configMapName } : {}),
      }),
    );
    const written = this.mustGet(created);
    if (!req.applyNow) return this.detail(written);
    const applied = this.applyNow
      ? await this.applyNow.put(doc.document, id, written.summary.id)
      : skipped(NO_APPLY);
    return { ...this.detail(written), applied };
  }

  async update(who: Identity, id: string, req: UpdateResourceRequest): Promise<ResourceDetail> {
    const current = await this.readable(who, id, 'get');
    this.writable(current);
    if (req.version !== current.summary.version) throw this.conflict(current, req.version);
    const doc = readDocument(req, current.summary.format);
    const next = this.checkedIdentity(doc);
    const nextKey = identityKey(next);
    const twin = this.index.withIdentity(nextKey).find((r) => r.summary.id !== id);
    if (current.keys.identity === null && twin) {
      // Fixing an unparseable resource must not create a second copy of another one.
      throw await this.claims.alreadyExists(who, next, twin);
    }
    if (current.keys.identity !== null && current.keys.identity !== nextKey) {
      throw new AppError(
        'bad_request',
        'kind, project and name cannot change on update: create the renamed resource, then delete this one',
        { fields: [{ field: 'metadata.name', message: 'differs from the stored resource' }] },
      );
    }
    if (req.applyNow) await this.applyNow?.vet(doc.document, next);
    try {
      await this.store.update(who, current.entry.ref, doc.text, req.version);
    } catch (err) {
      throw this.withCurrent(err, id, req.version);
    }
    const written = this.mustGet(id);
    if (!req.applyNow) return this.detail(written);
    const applied = this.applyNow
      ? await this.applyNow.put(doc.document, next, id)
      : skipped(NO_APPLY);
    return { ...this.detail(written), applied };
  }

  /** What splitting the list that holds this resource would write (nothing is written). */
  async splitPlan(who: Identity, id: string): Promise<SplitPlan> {
    return this.splitter.plan(await this.readable(who, id, 'get')).plan;
  }

  /** Stores each resource of the list on its own, then removes the list; ids of the new ones. */
  async split(who: Identity, id: string, version: string): Promise<ResourceSummary[]> {
    const current = await this.readable(who, id, 'get');
    if (version !== current.summary.version) throw this.conflict(current, version);
    let ids: string[];
    try {
      ids = await this.splitter.apply(who, current, version);
    } catch (err) {
      throw this.withCurrent(err, id, version);
    }
    return ids.map((i) => this.mustGet(i).summary);
  }

  /** Deletes the resource; with `applyNow`, from Perses too, and says what Perses did. */
  async delete(
    who: Identity,
    id: string,
    version: string,
    applyNow = false,
  ): Promise<ApplyOutcome | null> {
    const current = await this.readable(who, id, 'get');
    this.writable(current);
    if (version !== current.summary.version) throw this.conflict(current, version);
    try {
      await this.store.delete(who, current.entry.ref, version);
    } catch (err) {
      throw this.withCurrent(err, id, version);
    }
    if (!applyNow) return null;
    const gone = current.placement.id;
    if (!gone) return skipped('it had no Perses kind and name');
    return this.applyNow ? this.applyNow.remove(gone) : skipped(NO_APPLY);
  }

  /** Resources with their own findings known: pending ones (see ResourceIndex) are checked now. */
  checked(resources: IndexedResource[]): IndexedResource[] {
    return resources.map((r) => (r.pending ? (this.index.checked(r.summary.id) ?? r) : r));
  }

  detail(indexed: IndexedResource): ResourceDetail {
    const [r = indexed] = this.checked([indexed]);
    const parsed = parse(r.entry.text, r.entry.key);
    const document = parsed.documents[r.docIndex] ?? null;
    // Where the resource starts when the text holds more than it: the editor opens there.
    const ctx = parsed.contexts[r.docIndex];
    const inList = parsed.documents.length > 1 || (ctx?.pointer?.length ?? 0) > 0;
    const at = inList ? ctx?.locate?.(ctx.pointer ?? [], ctx.docIndex) : undefined;
    return {
      ...r.summary,
      text: r.entry.text,
      document,
      origin: r.entry.origin,
      findingList: r.findings,
      ...(at ? { at: { line: at.line, column: at.column } } : {}),
    };
  }

  private async readable(who: Identity, id: string, verb: Verb): Promise<IndexedResource> {
    // One resource is read for its findings (the editor) or written: checked first.
    const r = this.index.checked(id);
    if (!r) {
      // Ids from an `unlabeled=true` list resolve too, re-read and checked there.
      const other = await this.unlabeled?.find(who, id, verb);
      if (other) return other;
      throw notFound(`resource ${id.slice(0, 100)} not found`);
    }
    const d = await this.authorizer.can(who, verb, r.summary.namespace);
    // Same answer as for a missing resource would leak existence; Kubernetes answers 403 too.
    if (!d.allowed)
      throw new AppError('forbidden', d.reason ?? 'not allowed to read this resource');
    return r;
  }

  private writable(r: IndexedResource): void {
    if (r.summary.unlabeled) {
      // Not a stale version (409) nor bad input (400): the console refuses to edit it at all.
      throw new AppError(
        'forbidden',
        `this resource is read-only: ${where(r)} ${r.summary.readOnly ?? ''}`,
        {
          readOnly: r.summary.readOnly,
        },
      );
    }
    if (r.summary.readOnly !== null) {
      throw new AppError('bad_request', `this resource is read-only: ${r.summary.readOnly}`);
    }
  }

  private checkedIdentity(doc: CheckedDocument) {
    const findings = validate(doc.document, doc.context);
    const errors = [...doc.findings, ...findings].filter((f) => f.severity === 'error');
    if (errors.length > 0) {
      throw new AppError(
        'validation_failed',
        `the resource is invalid: ${errors[0]?.message ?? ''}`,
        {
          findings: [...doc.findings, ...findings],
        },
      );
    }
    const id = identity(doc.document);
    if (!id)
      throw new AppError('validation_failed', 'the document has no kind and metadata.name', {
        findings,
      });
    return id;
  }

  /** A chosen ConfigMap name: Kubernetes targets only, and no other ConfigMap holds it. */
  private checkConfigMapName(name: string, namespace: string | null): void {
    const field = (message: string) => ({ fields: [{ field: 'configMapName', message }] });
    if (namespace === null)
      throw new AppError(
        'bad_request',
        'configMapName applies to Kubernetes targets only: a chart directory stores files',
        field('not for a chart directory'),
      );
    if (this.store.container(`cm:${namespace}/${name}`))
      throw new AppError(
        'already_exists',
        `ConfigMap ${namespace}/${name} already exists`,
        field('a ConfigMap of that name exists'),
      );
  }

  /** The namespace a write goes to: the one asked (when watched), else the first; null on a chart. */
  namespaceFor(requested: string | undefined): string | null {
    const writable = this.store.writableNamespaces();
    if (writable !== 'any' && writable.length === 0) {
      if (requested) throw new AppError('bad_request', 'this target has no namespaces');
      return null;
    }
    if (requested === undefined) {
      const first = writable === 'any' ? undefined : writable[0];
      if (!first)
        throw new AppError('bad_request', 'namespace is required when every namespace is watched', {
          fields: [{ field: 'namespace', message: 'required' }],
        });
      return first;
    }
    this.assertWatched(requested, 'namespace');
    return requested;
  }

  private assertWatched(namespace: string, field: string): void {
    const writable = this.store.writableNamespaces();
    if (writable !== 'any' && !writable.includes(namespace)) {
      throw new AppError(
        'bad_request',
        `namespace "${namespace}" is not watched by this server (watched: ${writable.join(', ') || 'none'})`,
        { fields: [{ field, message: 'not a watched namespace' }] },
      );
    }
  }

  private conflict(current: IndexedResource, version: string): AppError {
    return new AppError(
      'conflict',
      `the resource changed: you sent version ${version}, the stored version is ${current.summary.version}`,
      { current: this.detail(current) },
    );
  }

  /** A store-level conflict or disappearance, with what is stored now for the caller. */
  private withCurrent(err: unknown, id: string, version: string): unknown {
    if (!(err instanceof AppError) || (err.code !== 'conflict' && err.code !== 'not_found'))
      return err;
    const now = this.index.get(id);
    if (err.code === 'not_found' || !now)
      return new AppError('not_found', err.message, { current: null });
    return new AppError(
      'conflict',
      `the resource changed since version ${version}: ${err.message}`,
      {
        current: this.detail(now),
      },
    );
  }

  private mustGet(id: string): IndexedResource {
    const r = this.index.get(id);
    if (!r) throw new AppError('internal', 'the written resource is not in the cache');
    return r;
  }
}

const NO_APPLY = 'apply now is not available on this target';

/** Two lists in list order, merged into one. */
function mergeSorted(a: IndexedResource[], b: IndexedResource[]): IndexedResource[] {
  if (b.length === 0) return a;
  const out: IndexedResource[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || compareResources(x, y) <= 0)) {
      out.push(x);
      i++;
    } else if (y) {
      out.push(y);
      j++;
    }
  }
  return out;
}
