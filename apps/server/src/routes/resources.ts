// /api/v1/resources: unpack with zod, call the resource service, answer with checked bodies.
import { Router } from 'express';
import { z } from 'zod';
import {
  CreateResourceRequest,
  DeleteResourceQuery,
  DeleteResourceResponse,
  ListResourcesQuery,
  ListResourcesResponse,
  ResourceDetail,
  UpdateResourceRequest,
} from '@perses-cm/api';
import type { SourceError } from '@perses-cm/api';
import type { IndexedResource } from '../services/resource-index.ts';
import type { ResourceService } from '../services/resource-service.ts';
import { summaryJson, withStates, type ListStatus } from '../services/status/list-status.ts';
import { send, type IdentityResolver } from './respond.ts';

export const ResourceIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[A-Za-z0-9_.~-]+$/, 'not a resource id'),
});

/** The list body; summaries were checked against ResourceSummary and serialised when indexed. */
export function listBody(
  list: { resources: IndexedResource[]; errors: SourceError[] },
  status: ListStatus | null = null,
): string {
  const errors = ListResourcesResponse.shape.errors.parse(list.errors);
  const items = list.resources.map((r) => summaryJson(r, status)).join(',');
  return `{"items":[${items}],"errors":${JSON.stringify(errors)}}`;
}

/**
 * Bodies of recent lists, valid until the index changes: browsers re-list on every reconnect and
 * navigation, and a list of thousands need not be rebuilt when nothing changed.
 */
class ListBodyCache {
  private generation = '';
  private bodies = new Map<string, string>();

  get(generation: string, key: string, build: () => string): string {
    if (generation !== this.generation) {
      this.generation = generation;
      this.bodies.clear();
    }
    let body = this.bodies.get(key);
    if (body === undefined) {
      body = build();
      if (this.bodies.size >= 32) this.bodies.clear();
      this.bodies.set(key, body);
    }
    return body;
  }
}

export function resourcesRouter(
  service: ResourceService,
  identify: IdentityResolver,
  status: ListStatus | null = null,
): Router {
  const r = Router();
  const cache = new ListBodyCache();
  r.get('/', async (req, res) => {
    const query = ListResourcesQuery.parse(req.query);
    const listed = await service.list(await identify(req), query);
    const list = { ...listed, resources: withStates(listed.resources, status, query.status) };
    // Unlabeled ConfigMaps were just read from the API server: such a body is never reused.
    if (query.unlabeled === 'true') {
      res.type('application/json').send(listBody(list, status));
      return;
    }
    // The key holds all the body depends on besides the index and the statuses: the query and the
    // failed sources (which name the namespaces hidden from this identity).
    const key = JSON.stringify([
      query.kind,
      query.project,
      query.namespace,
      query.q,
      query.status,
      list.errors,
    ]);
    const generation = `${list.generation}:${status?.generation ?? 0}`;
    res.type('application/json').send(cache.get(generation, key, () => listBody(list, status)));
  });
  r.get('/:id', async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    send(res, ResourceDetail, await service.get(await identify(req), id));
  });
  r.post('/', async (req, res) => {
    const body = CreateResourceRequest.parse(req.body);
    send(res, ResourceDetail, await service.create(await identify(req), body), 201);
  });
  r.put('/:id', async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    const body = UpdateResourceRequest.parse(req.body);
    send(res, ResourceDetail, await service.update(await identify(req), id, body));
  });
  r.delete('/:id', async (req, res) => {
    const { id } = ResourceIdParam.parse(req.params);
    const { version, applyNow } = DeleteResourceQuery.parse(req.query);
    const applied = await service.delete(await identify(req), id, version, applyNow === 'true');
    if (applied) send(res, DeleteResourceResponse, { applied });
    else res.status(204).end();
  });
  return r;
}
