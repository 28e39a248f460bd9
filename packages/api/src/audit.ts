import { z } from 'zod';
import { AuthMode, IdentitySource } from './auth.ts';
import { ErrorCode } from './errors.ts';

/** `relabel`: a ConfigMap's label changed; `settings`: the console's settings saved. */
export const AuditAction = z.enum(['create', 'update', 'delete', 'relabel', 'settings']);
export type AuditAction = z.infer<typeof AuditAction>;

/** One write through the console, as written to stdout (one JSON line) and kept for the UI. */
export const AuditEntry = z.object({
  time: z.string(),
  requestId: z.string(),
  user: z.string(),
  groups: z.array(z.string()),
  authMode: AuthMode,
  source: IdentitySource,
  action: AuditAction,
  /**
   * `store`: the ConfigMap (or chart file) write; `perses`: the direct write through the Perses
   * API that followed it (apply now), one entry each, under the same request id.
   */
  via: z.enum(['store', 'perses']),
  /** The Perses resource, as far as it is known (a refused document may have no name). */
  kind: z.string().nullable(),
  name: z.string().nullable(),
  project: z.string().nullable(),
  namespace: z.string().nullable(),
  configMap: z.string().nullable(),
  key: z.string().nullable(),
  /** A chart directory's file, relative to the chart. */
  file: z.string().nullable(),
  result: z.enum(['ok', 'error']),
  error: z.object({ code: ErrorCode, message: z.string() }).nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** `GET /api/v1/audit`: the most recent writes the caller may see, newest first. */
export const AuditResponse = z.object({ entries: z.array(AuditEntry) });
export type AuditResponse = z.infer<typeof AuditResponse>;
