// Splitting a key or file that holds a list of resources (Perses's array format, or several YAML
// documents) into one ConfigMap (or chart file) per resource: the plan says where each one goes
// and why one cannot; applying writes every resource on its own first, then removes the list, so
// Perses never loses one (it reads the same identities from the new files).
import type { SplitItem, SplitPlan } from '@perses-cm/api';
import { AppError } from '../domain/errors.ts';
import type { Identity } from '../domain/identity.ts';
import {
  chartFilePath,
  configMapNameFor,
  configMapOwner,
  dataKeyFor,
  describeIdentity,
  identity,
  identityKey,
  parse,
  serializeResource,
  utf8Length,
  validate,
} from '../domain/model.ts';
import type { Container, CreateInput, ResourceStore } from '../stores/store.ts';
import { resourceId, type IndexedResource, type ResourceIndex } from './resource-index.ts';

interface Planned {
  plan: SplitPlan;
  writes: CreateInput[];
}

export class SplitService {
  constructor(
    private readonly store: ResourceStore,
    private readonly index: ResourceIndex,
  ) {}

  plan(r: IndexedResource): Planned {
    const entry = r.entry;
    const origin = entry.origin;
    const source =
      origin.type === 'configmap'
        ? `ConfigMap ${origin.namespace}/${origin.name} key ${origin.key}`
        : `file ${origin.path}`;
    const parsed = parse(entry.text, entry.key);
    const seen = new Map<string, number>();
    const writes: CreateInput[] = [];
    const items = parsed.documents.map((doc, i): SplitItem => {
      const id = identity(doc);
      const meta = (doc as { metadata?: { name?: unknown; project?: unknown } }).metadata;
      const base = {
        kind: String((doc as { kind?: unknown }).kind ?? 'Unknown'),
        project: typeof meta?.project === 'string' ? meta.project : null,
        name: typeof meta?.name === 'string' ? meta.name : `item ${i + 1}`,
        sizeBytes: 0,
        target: null,
      };
      const error = validate(doc).find((f) => f.severity === 'error');
      if (error || !id) return { ...base, problem: error?.message ?? 'has no kind and name' };
      const key = identityKey(id);
      if (seen.has(key))
        return { ...base, problem: `${describeIdentity(id)} is defined twice in this list` };
      seen.set(key, i);
      const elsewhere = this.index
        .withIdentity(key)
        .find((o) => o.entry.ref.type !== entry.ref.type || !sameEntry(o, r));
      if (elsewhere)
        return {
          ...base,
          problem: `${describeIdentity(id)} is also stored elsewhere (${elsewhere.summary.configMapName ?? elsewhere.summary.key}): keep one first`,
        };
      const text = serializeResource(doc, parsed.format);
      const sized = { ...base, sizeBytes: utf8Length(text) };
      const target = this.targetOf(id, parsed.format, entry.namespace);
      if (typeof target === 'string') return { ...sized, problem: target };
      writes.push({
        document: doc,
        text,
        format: parsed.format,
        identity: id,
        namespace: entry.namespace,
      });
      return { ...sized, target, problem: null };
    });
    const owner = origin.type === 'configmap' ? configMapOwner(origin) : undefined;
    const refused =
      r.summary.unlabeled === true
        ? (r.summary.readOnly ?? 'the ConfigMap lacks the label')
        : (entry.readOnly ??
          owner?.message ??
          (items.length === 0
            ? 'the text holds no resource'
            : items.some((i) => i.problem !== null)
              ? 'a resource cannot be stored on its own (see each problem); nothing is written until every one can'
              : null));
    return { plan: { source, version: entry.version, items, refused }, writes };
  }

  /** Writes each resource on its own, then removes the list; undoes the writes if one fails. */
  async apply(who: Identity, r: IndexedResource, version: string): Promise<string[]> {
    const { plan, writes } = this.plan(r);
    if (plan.refused)
      throw new AppError('bad_request', `cannot split ${plan.source}: ${plan.refused}`, { plan });
    const created: Container[] = [];
    try {
      for (const w of writes) created.push(await this.store.create(who, w));
      await this.store.delete(who, r.entry.ref, version);
    } catch (err) {
      for (const c of created.reverse()) {
        const e = c.entries[0];
        if (e) await this.store.delete(who, e.ref, e.version).catch(() => undefined);
      }
      throw err;
    }
    return created.flatMap((c) => (c.entries[0] ? [resourceId(c.entries[0], null)] : []));
  }

  private targetOf(
    id: NonNullable<ReturnType<typeof identity>>,
    format: 'json' | 'yaml',
    namespace: string | null,
  ): SplitItem['target'] | string {
    if (namespace === null) {
      const file = chartFilePath(id, format);
      if (!file.ok) return file.problem.message;
      if (this.store.container(`file:${file.path}`)) return `file ${file.path} already exists`;
      return { type: 'file', path: file.path };
    }
    const name = configMapNameFor(id);
    if (this.store.container(`cm:${namespace}/${name}`))
      return `ConfigMap ${namespace}/${name} already exists`;
    return { type: 'configmap', namespace, name, key: dataKeyFor(id, format) };
  }
}

function sameEntry(a: IndexedResource, b: IndexedResource): boolean {
  const x = a.entry.ref;
  const y = b.entry.ref;
  if (x.type === 'file' || y.type === 'file')
    return x.type === y.type && x.type === 'file' && y.type === 'file' && x.path === y.path;
  return x.namespace === y.namespace && x.name === y.name && x.key === y.key;
}
