// /api/v1/resources: unpack with zod, call the resource service, answer with checked bodies.
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import {
  CreateResourceRequest,
  DeleteResourceQuery,
  DeleteResourceResponse,
  EVENT_ID_HEADER,
  ListResourcesQuery,
  ListResourcesResponse,
  ResourceDetail,
  SplitPlan,
  SplitRequest,
  SplitResponse,
  UpdateResourceRequest,
} from '@perses-cm/api';
import type { SourceError } from '@perses-cm/api';
import { requestIdOf } from '../middleware/request-id.ts';
import type { AuditedWrites } from '../services/audited-writes.ts';
import type { IndexedResource } from '../services/resource-index.ts';
import type { ResourceService } from '../services/resource-service.ts';
import { summaryJson, withStates, type ListStatus } from '../services/status/list-status.ts';
import { ListBodyCache, sendCachedList } from './list-body-cache.ts';
import { send, type IdentityResolver } from './respond.ts';

export const ResourceIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[A-Za-z0-9_.~-]+$/, 'not a resource id'),
});

/** The list body; summaries were built as ResourceSummary values and serialised when indexed. */
export function listBody(
  list: { resources: IndexedResource[]; errors: SourceError[] },
  status: ListStatus | null = null,
): string {
  const errors = ListResourcesResponse.shape.errors.parse(list.errors);
  const items = list.resources.map((r) => summaryJson(r, status)).join(',');
  return `{"items":[${items}],"errors":${JSON.stringify(errors)}}`;
}

export function resourcesRouter(
  service: ResourceService,
  writes: AuditedWrites,
  identify: IdentityResolver,
  writeLimit: RequestHandler,
  status: ListStatus | null = null,
  /** The id of the newest event of the stream (EventLog.latestId). */
  latestEventId: () => string = () => '',
): Router {
  const r = Router();
  const cache = new ListBodyCache();
  r.get('/', async (req, res) => {
    const query = ListResourcesQuery.parse(req.query);
    const who = await identify(req);
    // Unlabeled ConfigMaps were just read from the API server: such a body is never reused.
    if (query.unlabeled === 'true') {
      const listed = await service.list(who, query);
      const list = { ...listed, resources: withStates(listed.resources, status, query.status) };
      res.type('application/json').send(listBody(list, status));
      return;
    }
    const view = await service.access(who, query);
    // The key holds all the body depends on besides the index and the statuses: the query, the
    // namespaces hidden from this caller and the failed sources. Callers with the same view share
    // one body, so twenty clients listing at once cost one build and one compression.
    const key = JSON.stringify([
      query.kind,
      query.project,
      query.namespace,
      query.q,
      query.status,
      view.denied,
      view.errors,
    ]);
    const generation = `${service.generation}:${status?.generation ?? 0}`;
    const body = cache.get(generation, key, () => {
      const resources = withStates(service.labeled(view, query), status, query.status);
      return listBody({ resources, errors: view.errors }, status);
    });
    // The index and the statuses move their generation and log their event in one tick, and a
    // body is rebuilt whenever a generation moved: in this tick the body reflects every event
    // logged so far, so a stream resumed from this id misses nothing the body lacks.
    const eventId = latestEventId();
    if (eventId) res.setHeader(EVENT_ID_HEADER, eventId);
    sendCachedList(req, res, body);
  });
  r.get('/:id', async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    send(res, ResourceDetail, await service.get(await identify(req), id));
  });
  r.post('/', writeLimit, async (req, res) => {
    const body = CreateResourceRequest.parse(req.body);
    const who = await identify(req);
    send(res, ResourceDetail, await writes.create(who, body, requestIdOf(res)), 201);
  });
  r.put('/:id', writeLimit, async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    const body = UpdateResourceRequest.parse(req.body);
    const who = await identify(req);
    send(res, ResourceDetail, await writes.update(who, id, body, requestIdOf(res)));
  });
  r.get('/:id/split', async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    send(res, SplitPlan, await service.splitPlan(await identify(req), id));
  });
  r.post('/:id/split', writeLimit, async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    const { version } = SplitRequest.parse(req.body);
    const created = await service.split(await identify(req), id, version);
    send(res, SplitResponse, { created }, 201);
  });
  r.delete('/:id', writeLimit, async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    const { version, applyNow } = DeleteResourceQuery.parse(req.query);
    const who = await identify(req);
    const applied = await writes.delete(who, id, version, requestIdOf(res), applyNow === 'true');
    if (applied) send(res, DeleteResourceResponse, { applied });
    else res.status(204).end();
  });
  return r;
}
