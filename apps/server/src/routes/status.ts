// /api/v1/status: the provisioning status. Unpack with zod, authorize, ask the monitor, answer
// with checked bodies. Counts, orphans and lag samples are the caller's: of the namespaces they may
// list.
import { Router } from 'express';
import {
  DeleteOrphanQuery,
  LagHistoryQuery,
  LagHistoryResponse,
  OrphansResponse,
  ResourcePipeline,
  ServedDocument,
  StatusOverview,
} from '@perses-cm/api';
import { AppError } from '../domain/errors.ts';
import { listableBy, type Authorizer, type Identity } from '../domain/identity.ts';
import type { StatusMonitor } from '../services/status/status-monitor.ts';
import { ResourceIdParam } from './resources.ts';
import { send, type IdentityResolver } from './respond.ts';

/** Reading a resource's status needs what reading the resource needs. */
async function mayRead(authorizer: Authorizer, who: Identity, namespace: string | null) {
  const d = await authorizer.can(who, 'get', namespace);
  if (!d.allowed) throw new AppError('forbidden', d.reason ?? 'not allowed to read this resource');
}

/**
 * What `who` may see of the overview and the orphans: the namespaces they may list ConfigMaps in,
 * as for the resource list.
 */
const visibleTo = (authorizer: Authorizer, who: Identity, monitor: StatusMonitor) =>
  listableBy(authorizer, who, monitor.namespaces());

/** Deleting from Perses needs the right to delete resources here: ConfigMaps in a watched namespace. */
async function mayCleanUp(authorizer: Authorizer, who: Identity, monitor: StatusMonitor) {
  const ns = monitor.scope.namespaces;
  const scopes = ns === null || ns === 'all' ? [null] : ns;
  for (const n of scopes) if ((await authorizer.can(who, 'delete', n)).allowed) return;
  throw new AppError(
    'forbidden',
    `${who.name} may not delete ConfigMaps here, so may not delete resources from Perses either`,
  );
}

export function statusRouter(
  monitor: StatusMonitor,
  authorizer: Authorizer,
  identify: IdentityResolver,
): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const visible = await visibleTo(authorizer, await identify(req), monitor);
    send(res, StatusOverview, monitor.statusOverview(visible));
  });
  r.get('/resources/:id', async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    await mayRead(authorizer, await identify(req), monitor.namespaceOf(id));
    send(res, ResourcePipeline, monitor.pipeline(id));
  });
  r.get('/resources/:id/served', async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    await mayRead(authorizer, await identify(req), monitor.namespaceOf(id));
    send(res, ServedDocument, await monitor.served(id));
  });
  r.get('/orphans', async (req, res) => {
    const visible = await visibleTo(authorizer, await identify(req), monitor);
    send(res, OrphansResponse, monitor.orphans(visible));
  });
  r.delete('/orphans/:id', async (req, res) => {
    const id = String(req.params.id ?? '');
    const { confirm } = DeleteOrphanQuery.parse(req.query);
    const who = await identify(req);
    await mayCleanUp(authorizer, who, monitor);
    await monitor.deleteOrphan(id, confirm, await visibleTo(authorizer, who, monitor));
    res.status(204).end();
  });
  r.get('/lag', async (req, res) => {
    const query = LagHistoryQuery.parse(req.query);
    const visible = await visibleTo(authorizer, await identify(req), monitor);
    send(res, LagHistoryResponse, monitor.lagHistory(query, visible));
  });
  return r;
}
