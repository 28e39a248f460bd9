/** Paths of the server's HTTP API; server routes and the web client both use these. */
export const API = {
  resources: '/api/v1/resources',
  resource: (id: string) => `/api/v1/resources/${encodeURIComponent(id)}`,
  validate: '/api/v1/validate',
  events: '/api/v1/events',
  whoami: '/api/v1/whoami',
  session: '/api/v1/session',
  audit: '/api/v1/audit',
  export: '/api/v1/export',
  exportPreview: '/api/v1/export/preview',
  openapi: '/api/openapi.json',
  healthz: '/healthz',
  readyz: '/readyz',
  metrics: '/metrics',
} as const;
