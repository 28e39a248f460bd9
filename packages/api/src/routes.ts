/** Paths of the server's HTTP API; server routes and the web client both use these. */
export const API = {
  resources: '/api/v1/resources',
  resource: (id: string) => `/api/v1/resources/${encodeURIComponent(id)}`,
  split: (id: string) => `/api/v1/resources/${encodeURIComponent(id)}/split`,
  validate: '/api/v1/validate',
  events: '/api/v1/events',
  whoami: '/api/v1/whoami',
  session: '/api/v1/session',
  audit: '/api/v1/audit',
  /** Provisioning status: overview, one resource's pipeline, what Perses serves, orphans, lag. */
  status: '/api/v1/status',
  statusResource: (id: string) => `/api/v1/status/resources/${encodeURIComponent(id)}`,
  statusServed: (id: string) => `/api/v1/status/resources/${encodeURIComponent(id)}/served`,
  orphans: '/api/v1/status/orphans',
  orphan: (id: string) => `/api/v1/status/orphans/${encodeURIComponent(id)}`,
  lag: '/api/v1/status/lag',
  /** Whether the console can write through to Perses now (apply now), and if not why. */
  applyNow: '/api/v1/apply-now',
  /** The sidecar setup: the console's settings, what runs, mismatches, Helm values; relabel. */
  settings: '/api/v1/settings',
  relabelPlan: '/api/v1/settings/relabel/plan',
  relabel: '/api/v1/settings/relabel',
  export: '/api/v1/export',
  exportPreview: '/api/v1/export/preview',
  importPreviews: '/api/v1/import/previews',
  importUpload: '/api/v1/import/previews/archive',
  importEntry: (id: string, key: string) =>
    `/api/v1/import/previews/${encodeURIComponent(id)}/entries/${encodeURIComponent(key)}`,
  importApply: (id: string) => `/api/v1/import/previews/${encodeURIComponent(id)}/apply`,
  importReport: (id: string) => `/api/v1/import/previews/${encodeURIComponent(id)}/report`,
  openapi: '/api/openapi.json',
  healthz: '/healthz',
  readyz: '/readyz',
  metrics: '/metrics',
} as const;

/**
 * Sent with the list of resources: the id of the newest event the list already reflects. An
 * event stream opened with it as `lastEventId` replays what changed after the list was read, so a
 * list fetched before the stream opens misses nothing.
 */
export const EVENT_ID_HEADER = 'x-perses-cm-event-id';
