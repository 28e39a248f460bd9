// The one mapping from a failed Perses call to the app's error: the Perses client throws only
// AppError, with Perses's own message and the HTTP status in `details`.
import type { ErrorCode } from '@perses-cm/api';
import { AppError } from '../domain/errors.ts';

export interface PersesErrorDetails {
  /** HTTP status Perses (or the proxy in front of it) answered; absent when nothing answered. */
  status?: number;
}

function codeOf(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'bad_request';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      // Perses answers 409 only for "document already exists" (v0.54.0 apiinterface.HandleError).
      return 'already_exists';
    case 429:
    case 502:
    case 503:
    case 504:
      return 'unavailable';
    default:
      // 401 lands here too: the console's own Perses credentials were refused, which is not
      // something the console's caller can fix by signing in.
      return 'upstream_error';
  }
}

/** Perses's message in an error body (`{"message": ...}` from echo), else the start of the text. */
export function messageOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { message?: unknown; error?: unknown };
    if (typeof body.message === 'string') return body.message.trim();
    if (typeof body.error === 'string') return body.error.trim();
  } catch {
    /* not JSON */
  }
  const trimmed = text.trim();
  return trimmed ? trimmed.slice(0, 500) : undefined;
}

/** The app's error for a Perses answer with a failure status; `what` names the call for people. */
export function persesStatusError(status: number, text: string, what: string): AppError {
  const message = messageOf(text) ?? `HTTP ${status}`;
  const prefix =
    status === 401 ? `Perses refused the console's credentials (${what})` : `Perses: ${what}`;
  return new AppError(codeOf(status), `${prefix}: ${message}`, {
    status,
  } satisfies PersesErrorDetails);
}

/** Nothing answered, or not in time. */
export function persesUnreachable(where: string, cause: string): AppError {
  return new AppError('unavailable', `Perses at ${where} is unreachable: ${cause}`, {});
}

/** Perses answered 2xx with a body the client cannot read: a version it does not know. */
export function persesBadAnswer(what: string, problem: string): AppError {
  return new AppError('upstream_error', `Perses: ${what}: unexpected answer: ${problem}`, {});
}
