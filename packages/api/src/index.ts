// The HTTP API contract of the perses-cm server: request and response schemas, shared by
// the server (which validates what it receives and sends) and the web app.
export * from './errors.ts';
export * from './findings.ts';
export * from './target.ts';
export * from './resources.ts';
export * from './split.ts';
export * from './status.ts';
export * from './apply.ts';
export * from './events.ts';
export * from './auth.ts';
export * from './identity.ts';
export * from './audit.ts';
export * from './routes.ts';
export * from './export.ts';
export * from './settings.ts';
