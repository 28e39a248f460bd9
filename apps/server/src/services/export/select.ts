// Which resources an export takes: what the identity may list, through the list's own filters
// (the same predicate as the web list), then a hand-picked selection when one is given.
import {
  matchesFilters,
  type ExportQuery,
  type RefusedResource,
  type SourceError,
} from '@perses-cm/api';
import { badRequest } from '../../domain/errors.ts';
import type { Identity } from '../../domain/identity.ts';
import { identityKey, type ResourceIdentity } from '../../domain/model.ts';
import type { IndexedResource } from '../resource-index.ts';
import type { ResourceService } from '../resource-service.ts';
import { withStates, type ListStatus } from '../status/list-status.ts';

/** What to export: the query's filters and ids, plus identities (the CLI's `--resource`). */
export interface ExportSelection extends ExportQuery {
  identities?: ResourceIdentity[];
}

export interface Selected {
  resources: IndexedResource[];
  /** Picked ids or identities that match nothing (deleted since, or never there). */
  missing: RefusedResource[];
  errors: SourceError[];
}

export async function selectResources(
  service: ResourceService,
  status: ListStatus | null,
  who: Identity,
  q: ExportSelection,
): Promise<Selected> {
  // Without statuses every resource would fail the filter: an empty chart is not what was asked.
  if (q.status !== undefined && status === null)
    throw badRequest('the status filter needs the provisioning status', [
      { field: 'status', message: 'no provisioning status here: no Perses connection' },
    ]);
  // Kind and namespace are exact in the index too; the rest is the list's predicate.
  const list = await service.list(who, { kind: q.kind, namespace: q.namespace });
  // The findings filter and the plan's reasons need every selected resource checked.
  let resources = withStates(
    service
      .checked(list.resources)
      .filter((r) => matchesFilters(r.summary, { ...q, status: undefined })),
    status,
    q.status,
  );
  const missing: RefusedResource[] = [];
  if (q.ids !== undefined) {
    const byId = new Map(resources.map((r) => [r.summary.id, r]));
    const wanted = new Set(q.ids);
    resources = resources.filter((r) => wanted.has(r.summary.id));
    for (const id of wanted) if (!byId.has(id)) missing.push(notFound(id, id));
  }
  if (q.identities !== undefined) {
    const wanted = new Map(q.identities.map((id) => [identityKey(id), id]));
    resources = resources.filter((r) => r.keys.identity !== null && wanted.has(r.keys.identity));
    const found = new Set(resources.map((r) => r.keys.identity));
    for (const [key, id] of wanted) if (!found.has(key)) missing.push(notFound(key, id));
  }
  return { resources, missing, errors: list.errors };
}

function notFound(id: string, what: string | ResourceIdentity): RefusedResource {
  const ident = typeof what === 'string' ? null : what;
  return {
    id,
    kind: ident?.kind ?? null,
    project: ident?.project ?? null,
    name: ident?.name ?? null,
    location: '-',
    reason:
      'no such resource among those the filters select (deleted, renamed, or in a namespace that cannot be read)',
  };
}
