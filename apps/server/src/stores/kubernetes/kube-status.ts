// A failed Kubernetes API call, with the parts of its `Status` body the error mapper needs.
import { AppError } from '../../services/errors.ts';

export interface StatusCause {
  field?: string;
  message?: string;
  reason?: string;
}

export class KubeStatusError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly causes: StatusCause[] = [],
    readonly kind?: string,
    readonly name_?: string,
  ) {
    super(message);
    this.name = 'KubeStatusError';
  }
}

/** Builds a KubeStatusError from an HTTP status and the response body (a `Status`, or not). */
export function kubeStatusError(status: number, body: unknown): KubeStatusError {
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
    details?: { causes?: unknown; kind?: unknown; name?: unknown };
  };
  const causes = Array.isArray(s.details?.causes)
    ? (s.details.causes as StatusCause[]).filter((c) => typeof c === 'object' && c !== null)
    : [];
  return new KubeStatusError(
    status,
    typeof s.reason === 'string' ? s.reason : '',
    typeof s.message === 'string' ? s.message : `Kubernetes API answered HTTP ${status}`,
    causes,
    typeof s.details?.kind === 'string' ? s.details.kind : undefined,
    typeof s.details?.name === 'string' ? s.details.name : undefined,
  );
}

/** A failure of a list, as the code and message shown beside a partial list. */
export function mapForList(err: unknown): unknown {
  if (err instanceof KubeStatusError) {
    const code =
      err.status === 403 ? 'forbidden' : err.status === 401 ? 'unauthorized' : 'upstream_error';
    return new AppError(code, `Kubernetes: ${err.message}`);
  }
  return err;
}
