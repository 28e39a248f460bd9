// One resource per Perses identity, under concurrent creates. In this console, creates of one
// identity run one at a time, so the check that it does not exist holds until the write lands.
// Another console may create it elsewhere at the same moment: after the write, the store's rivals
// are read back from the source, and when one came first this write is rolled back and answered
// 409 (the other console, seeing ours come second, keeps its own). A 409 shows the existing
// resource only to a caller who may read it.
import type { ResourceDetail } from '@perses-cm/api';
import { AppError } from '../domain/errors.ts';
import type { Authorizer, Identity } from '../domain/identity.ts';
import { KeyedMutex } from '../domain/keyed-mutex.ts';
import { identityKey, type ResourceIdentity } from '../domain/model.ts';
import type { Container, ResourceStore } from '../stores/store.ts';
import type { IndexedResource, ResourceIndex } from './resource-index.ts';
import { resourceId } from './resource-index.ts';
import { indexContainer } from './resource-summary.ts';

/** Where a resource is stored, in words. */
export function where(r: IndexedResource): string {
  const o = r.entry.origin;
  return o.type === 'file' ? `file ${o.path}` : `ConfigMap ${o.namespace}/${o.name} key ${o.key}`;
}

export class IdentityClaims {
  private readonly creates = new KeyedMutex();

  constructor(
    private readonly store: ResourceStore,
    private readonly index: ResourceIndex,
    private readonly authorizer: Authorizer,
    private readonly detail: (r: IndexedResource) => ResourceDetail,
  ) {}

  /** Runs `write` as the only create of `id` here; 409 when the identity exists or another won. */
  claim(who: Identity, id: ResourceIdentity, write: () => Promise<Container>): Promise<string> {
    const key = identityKey(id);
    return this.creates.run(key, async () => {
      const existing = this.index.withIdentity(key)[0];
      if (existing) throw await this.alreadyExists(who, id, existing);
      const container = await write();
      // Stores publish their own writes before resolving, so the index already holds it.
      const entry = container.entries[0];
      if (!entry) throw new AppError('internal', 'the store wrote nothing');
      const first = await this.rivalFirst(container, key);
      if (first) {
        // A failed roll-back leaves two; the index's findings then name both.
        await this.store.delete(who, entry.ref, entry.version).catch(() => undefined);
        throw await this.alreadyExists(who, id, first);
      }
      return resourceId(entry, null);
    });
  }

  /** 409 for an identity that exists; where and what only for a caller who may `get` it there. */
  async alreadyExists(
    who: Identity,
    id: ResourceIdentity,
    existing: IndexedResource,
  ): Promise<AppError> {
    const what = `${id.kind} "${id.name}"${id.project ? ` in project "${id.project}"` : ''} already exists`;
    const ns = existing.summary.namespace;
    const readable =
      ns === null ||
      (await this.authorizer.can(who, 'get', ns).then(
        (d) => d.allowed,
        () => false,
      ));
    if (!readable)
      return new AppError('already_exists', `${what}, in a namespace you may not read`);
    return new AppError('already_exists', `${what} (${where(existing)})`, {
      current: this.detail(existing),
    });
  }

  /** A resource of this identity that another writer created before ours, if any. */
  private async rivalFirst(created: Container, key: string): Promise<IndexedResource | null> {
    // Rivals that cannot be read (an outage right after the write) leave ours in place.
    const rivals = (await this.store.rivals?.(created).catch(() => [])) ?? [];
    for (const rival of rivals) {
      if (!rival.first) continue;
      const twin = indexContainer(rival.container).find((r) => r.keys.identity === key);
      if (twin) return twin;
    }
    return null;
  }
}
