// GET /api/openapi.json: OpenAPI 3.1, generated from the same zod schemas that check requests
// and responses, so the document cannot drift from the behaviour.
import { Router } from 'express';
import { z } from 'zod';
import {
  API,
  ApplyNowAvailability,
  ConsoleSettings,
  CreateResourceRequest,
  DeleteResourceQuery,
  DeleteResourceResponse,
  ErrorBody,
  ExportPreview,
  ExportQuery,
  HealthResponse,
  ListResourcesQuery,
  ListResourcesResponse,
  RelabelPlan,
  RelabelProgress,
  RelabelRequest,
  ResourceDetail,
  ResourceEvent,
  SettingsView,
  SplitPlan,
  SplitRequest,
  SplitResponse,
  TARGET_HEADER,
  EVENT_ID_HEADER,
  UpdateResourceRequest,
  ValidateRequest,
  ValidateResponse,
  WhoAmIResponse,
} from '@perses-cm/api';

type Json = Record<string, unknown>;

const schema = (s: z.ZodType, io: 'input' | 'output' = 'output'): Json =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
const json = (s: z.ZodType, io: 'input' | 'output' = 'output') => ({
  content: { 'application/json': { schema: schema(s, io) } },
});
const errorResponse = (description: string) => ({ description, ...json(ErrorBody) });
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };

function queryParams(s: z.ZodObject): Json[] {
  return Object.entries(s.shape).map(([name, field]) => ({
    name,
    in: 'query',
    required: !(field as z.ZodType).safeParse(undefined).success,
    schema: schema(field as z.ZodType, 'input'),
  }));
}

const errors = {
  '400': errorResponse('Invalid request or document; `details` lists fields or findings'),
  '403': errorResponse('The identity may not do this'),
  '413': errorResponse('Body or document too large'),
};

export function openApiDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'perses-cm API',
      version: '1',
      description: `Every response carries the \`${TARGET_HEADER}\` header naming the active target.`,
    },
    paths: {
      [API.resources]: {
        get: {
          summary: 'List resource summaries',
          parameters: queryParams(ListResourcesQuery),
          responses: {
            '200': {
              description: 'Summaries and per-source errors',
              headers: {
                [EVENT_ID_HEADER]: {
                  description:
                    'The position of the newest event the list reflects: open the event stream with it as `lastEventId` to miss no change made after the list was read',
                  schema: { type: 'string' },
                },
              },
              ...json(ListResourcesResponse),
            },
            ...errors,
          },
        },
        post: {
          summary: 'Create a resource (one ConfigMap or file)',
          requestBody: { required: true, ...json(CreateResourceRequest, 'input') },
          responses: {
            '201': { description: 'Created', ...json(ResourceDetail) },
            '409': errorResponse('Identity or ConfigMap already exists'),
            ...errors,
          },
        },
      },
      '/api/v1/resources/{id}': {
        parameters: [idParam],
        get: {
          summary: 'Read a resource',
          responses: {
            '200': { description: 'The resource', ...json(ResourceDetail) },
            '404': errorResponse('Not found'),
            ...errors,
          },
        },
        put: {
          summary: 'Replace a resource if its version is current',
          requestBody: { required: true, ...json(UpdateResourceRequest, 'input') },
          responses: {
            '200': { description: 'Updated', ...json(ResourceDetail) },
            '409': errorResponse('Stale version; `details.current` is what is stored now'),
            '404': errorResponse('Not found'),
            ...errors,
          },
        },
        delete: {
          summary: 'Delete a resource if its version is current',
          parameters: queryParams(DeleteResourceQuery),
          responses: {
            '200': {
              description: 'Deleted, and with applyNow=true what Perses did',
              ...json(DeleteResourceResponse),
            },
            '204': { description: 'Deleted' },
            '409': errorResponse('Stale version'),
            '404': errorResponse('Not found'),
            ...errors,
          },
        },
      },
      '/api/v1/resources/{id}/split': {
        parameters: [idParam],
        get: {
          summary:
            'Plan splitting the list that holds a resource into one ConfigMap (or file) each',
          responses: {
            '200': { description: 'Where each resource would go, or why not', ...json(SplitPlan) },
            '404': errorResponse('Not found'),
            ...errors,
          },
        },
        post: {
          summary: 'Store each resource of the list on its own, then remove the list',
          requestBody: { required: true, ...json(SplitRequest, 'input') },
          responses: {
            '201': { description: 'The new resources', ...json(SplitResponse) },
            '409': errorResponse('Stale version, or a target already exists'),
            '404': errorResponse('Not found'),
            ...errors,
          },
        },
      },
      [API.validate]: {
        post: {
          summary: 'Validate a document without writing it',
          requestBody: { required: true, ...json(ValidateRequest, 'input') },
          responses: {
            '200': { description: 'Findings and Perses verdict', ...json(ValidateResponse) },
            ...errors,
          },
        },
      },
      [API.events]: {
        get: {
          summary:
            'Server-Sent Events of changes; `event:` is the type, `data:` a ResourceEvent, `id:` a position: reconnect with `Last-Event-ID` to replay missed events (or get `resync`)',
          parameters: [
            { name: 'Last-Event-ID', in: 'header', required: false, schema: { type: 'string' } },
            {
              name: 'lastEventId',
              in: 'query',
              required: false,
              description: 'The same, for a new EventSource (which cannot set the header)',
              schema: { type: 'string' },
            },
          ],
          responses: {
            '200': {
              description: 'Event stream',
              content: { 'text/event-stream': { schema: schema(ResourceEvent) } },
            },
          },
        },
      },
      [API.applyNow]: {
        get: {
          summary: 'Whether saves can also be written through to Perses now, and why not',
          responses: { '200': { description: 'Availability', ...json(ApplyNowAvailability) } },
        },
      },
      [API.settings]: {
        get: {
          summary:
            "The console's settings beside the running sidecar setup, mismatches, Helm values",
          responses: { '200': { description: 'Settings and check', ...json(SettingsView) } },
        },
        put: {
          summary: 'Save the settings (as the caller); a new label or namespaces apply at once',
          requestBody: { required: true, ...json(ConsoleSettings, 'input') },
          responses: { '200': { description: 'Saved', ...json(ConsoleSettings) }, ...errors },
        },
      },
      [API.relabelPlan]: {
        post: {
          summary: 'Dry run of a relabel: every ConfigMap that would change',
          requestBody: { required: true, ...json(RelabelRequest, 'input') },
          responses: { '200': { description: 'The plan', ...json(RelabelPlan) }, ...errors },
        },
      },
      [API.relabel]: {
        post: {
          summary: 'Relabel ConfigMaps as the caller; one NDJSON line per ConfigMap',
          requestBody: { required: true, ...json(RelabelRequest, 'input') },
          responses: {
            '200': {
              description: 'Progress lines (application/x-ndjson)',
              content: { 'application/x-ndjson': { schema: schema(RelabelProgress) } },
            },
            ...errors,
          },
        },
      },
      [API.whoami]: {
        get: {
          summary: 'Identity and capabilities per namespace',
          responses: { '200': { description: 'Identity', ...json(WhoAmIResponse) } },
        },
      },
      [API.exportPreview]: {
        get: {
          summary: 'The tree a chart export would write, and what it refuses and why',
          parameters: queryParams(ExportQuery),
          responses: {
            '200': { description: 'Preview', ...json(ExportPreview) },
            '400': errors['400'],
          },
        },
      },
      [API.export]: {
        get: {
          summary: 'A Helm chart of the selected resources, streamed as an attachment',
          parameters: queryParams(ExportQuery),
          responses: {
            '200': {
              description: 'The archive: the same state always gives the same bytes',
              content: {
                'application/gzip': { schema: { type: 'string', format: 'binary' } },
                'application/zip': { schema: { type: 'string', format: 'binary' } },
              },
            },
            '400': errors['400'],
          },
        },
      },
      [API.healthz]: {
        get: {
          summary: 'Liveness',
          responses: { '200': { description: 'Alive', ...json(HealthResponse) } },
        },
      },
      [API.readyz]: {
        get: {
          summary: 'Readiness: the cache has synced',
          responses: {
            '200': { description: 'Ready (or stale)', ...json(HealthResponse) },
            '503': { description: 'Starting', ...json(HealthResponse) },
          },
        },
      },
      [API.metrics]: {
        get: {
          summary: 'Prometheus metrics',
          responses: { '200': { description: 'Text exposition format' } },
        },
      },
    },
  };
}

export function openApiRouter(): Router {
  const doc = openApiDocument();
  const r = Router();
  r.get('/', (_req, res) => res.json(doc));
  return r;
}
