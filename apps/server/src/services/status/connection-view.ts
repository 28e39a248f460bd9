// How the status shows its connection to Perses, and Perses's copy of a resource offered for its
// ConfigMap (server metadata removed, names spelled as the ConfigMap spells them).
import type { PersesConnection, ServedDocument } from '@perses-cm/api';
import { serializeResource } from '@perses-cm/resources';
import { AppError, notFound } from '../../domain/errors.ts';
import { compareServed, redactedPaths, servedForFile } from '../../domain/model.ts';
import { persesAddress } from './checks.ts';
import { cycleAtOrAfter } from './cycle.ts';
import type { PersesLink } from './perses-link.ts';
import { documentOf, type Tracked } from './tracker.ts';

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function connectionOf(
  link: PersesLink,
  lastCycleAt: number | null,
  now: number,
): PersesConnection {
  const interval = link.config?.provisioning.interval ?? null;
  const intervalMs = link.intervalMs;
  return {
    state: link.state,
    found: link.found,
    since: new Date(link.since).toISOString(),
    message: link.message,
    version: link.version,
    lastContactAt: iso(link.lastContactAt),
    nextAttemptAt: iso(link.nextAttemptAt),
    readonly: link.config?.security.readonly ?? null,
    authEnabled: link.config?.security.enableAuth ?? null,
    servesRoles: link.snapshot ? !link.snapshot.notServed.has('GlobalRole') : null,
    provisioning: link.config
      ? { folders: link.config.provisioning.folders, interval: interval?.text ?? null, intervalMs }
      : null,
    lastCycleAt: iso(lastCycleAt),
    nextCycleAt:
      lastCycleAt !== null && intervalMs ? iso(cycleAtOrAfter(now, lastCycleAt, intervalMs)) : null,
  };
}

export async function servedDocument(
  t: Tracked,
  link: PersesLink,
  now: number,
): Promise<ServedDocument> {
  const caseSensitive = link.config?.database.caseSensitive ?? false;
  const address = persesAddress(t, caseSensitive);
  if (!address)
    throw new AppError('bad_request', 'the resource has no usable Perses kind and name');
  const served = await link.fetch(address.kind, address.project, address.name);
  if (!served) throw notFound(`Perses serves no ${address.kind} "${address.name}"`);
  const own = documentOf(t.r);
  const document = servedForFile(served, own) ?? {};
  return {
    id: t.r.summary.id,
    document,
    text: serializeResource(document, t.r.summary.format),
    format: t.r.summary.format,
    version: t.r.summary.version,
    fetchedAt: new Date(now).toISOString(),
    differs: !compareServed(own, served, { caseSensitive }).equal,
    redacted: redactedPaths(document),
  };
}
