import { z } from 'zod';

/** Every error the server returns uses this envelope; `code` is stable, `message` is for people. */
export const ErrorCode = z.enum([
  'bad_request',
  'validation_failed',
  'not_found',
  'conflict',
  'already_exists',
  'forbidden',
  'unauthorized',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'gone',
  'unavailable',
  'upstream_error',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const FieldError = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    message: z.string(),
    /** Code-specific: field errors, findings, or the current resource on a conflict. */
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** A failure of one source (namespace, file) in a fan-out list: the rest of the list still renders. */
export const SourceError = z.object({
  source: z.string(),
  code: ErrorCode,
  message: z.string(),
});
export type SourceError = z.infer<typeof SourceError>;

/**
 * What a write that failed with 503 `unavailable` did to the stored state (`details.outcome`):
 * `not_applied` (nothing was written) or `unknown` (sent, never answered: it may have been
 * applied; the list and the event stream show the truth once Kubernetes answers again).
 */
export const WriteOutcome = z.enum(['not_applied', 'unknown']);
export type WriteOutcome = z.infer<typeof WriteOutcome>;
export const UnavailableDetails = z.object({ outcome: WriteOutcome });
