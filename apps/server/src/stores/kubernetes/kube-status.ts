// The one mapping from a failed Kubernetes API call (a `Status` body, or none) to the app's error:
// the Kubernetes adapter throws only AppError, so nothing above it knows Kubernetes' error shapes.
import type { ErrorCode } from '@perses-cm/api';
import { AppError } from '../../domain/errors.ts';

interface StatusCause {
  field?: string;
  message?: string;
  reason?: string;
}

/** What a Kubernetes failure keeps for callers that need more than the code (422 causes). */
export interface KubeErrorDetails {
  status: number;
  reason: string;
  fields?: { field: string; message: string }[];
}

function codeOf(status: number, reason: string): ErrorCode {
  switch (status) {
    case 409:
      return reason === 'AlreadyExists' ? 'already_exists' : 'conflict';
    case 422:
      return 'validation_failed';
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 410:
      return 'gone';
    case 413:
      return 'payload_too_large';
    case 429:
    case 503:
      return 'unavailable';
    default:
      return 'upstream_error';
  }
}

/** Builds the app's error from an HTTP status and the response body (a `Status`, or not). */
export function kubeStatusError(status: number, body: unknown): AppError {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = { message: body.slice(0, 500) };
    }
  }
  const s = (parsed ?? {}) as {
    reason?: unknown;
    message?: unknown;
    details?: { causes?: unknown };
  };
  const reason = typeof s.reason === 'string' ? s.reason : '';
  const message = typeof s.message === 'string' ? s.message : `API answered HTTP ${status}`;
  const details: KubeErrorDetails = { status, reason };
  if (status === 422) {
    const causes = Array.isArray(s.details?.causes)
      ? (s.details.causes as StatusCause[]).filter((c) => typeof c === 'object' && c !== null)
      : [];
    details.fields = causes.map((c) => ({
      field: c.field ?? '',
      message: [c.reason, c.message].filter(Boolean).join(': '),
    }));
  }
  return new AppError(codeOf(status, reason), `Kubernetes: ${message}`, details);
}

/** The HTTP status of a Kubernetes failure, when the error came from one. */
export function kubeStatusOf(err: unknown): number | undefined {
  if (!(err instanceof AppError)) return undefined;
  const status = (err.details as Partial<KubeErrorDetails> | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}
