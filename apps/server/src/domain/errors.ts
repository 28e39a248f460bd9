// Typed errors thrown by services and stores; the error middleware maps them to HTTP once.
import type { ErrorCode, FieldError, SourceError } from '@perses-cm/api';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (message: string) => new AppError('not_found', message);
export const badRequest = (message: string, fields?: FieldError[]) =>
  new AppError('bad_request', message, fields ? { fields } : undefined);

/** Turns any failure of a source into list data, so one bad namespace does not hide the rest. */
export function toSourceError(source: string, err: unknown): SourceError {
  if (err instanceof AppError) return { source, code: err.code, message: err.message };
  return { source, code: 'internal', message: err instanceof Error ? err.message : String(err) };
}
