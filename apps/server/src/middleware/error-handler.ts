// The one place where errors become HTTP: the app's typed errors (the Kubernetes and Perses
// adapters throw only those), zod errors and body-parser errors all leave as
// `{error: {code, message, details}}`.
import { readdirSync } from 'node:fs';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import type { ErrorBody, ErrorCode } from '@perses-cm/api';
import { AppError } from '../domain/errors.ts';

export const STATUS_OF: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  not_found: 404,
  conflict: 409,
  already_exists: 409,
  forbidden: 403,
  unauthorized: 401,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  gone: 410,
  unavailable: 503,
  upstream_error: 502,
  internal: 500,
};

export interface MappedError {
  status: number;
  body: ErrorBody;
}

/** The top-level folders of this machine: an absolute path in a message starts with one. */
const ROOTS = (() => {
  try {
    return readdirSync('/').filter((n) => /^[\w.-]+$/.test(n));
  } catch {
    return [];
  }
})();
const PATH_CHAR = `[^\\s'"\`,;:()]`;
const ABSOLUTE_PATH = ROOTS.length
  ? new RegExp(
      `(?<![\\w/.:-])/(?:${ROOTS.map((r) => r.replace(/\./g, '\\.')).join('|')})(?!${PATH_CHAR.replace('[^', '[^/')})${PATH_CHAR}*`,
      'g',
    )
  : null;

/**
 * Error bodies never show where the server keeps its files (an `ENOENT ... '/home/...'` from a
 * library, a kubeconfig path): an absolute path becomes `<path>`. Chart-relative paths stay.
 */
export function redactPaths(message: string): string {
  return ABSOLUTE_PATH ? message.replace(ABSOLUTE_PATH, '<path>') : message;
}

export function mapError(err: unknown): MappedError {
  const out = (code: ErrorCode, text: string, details?: unknown, status = STATUS_OF[code]) => {
    const message = redactPaths(text);
    return {
      status,
      body: { error: details === undefined ? { code, message } : { code, message, details } },
    };
  };
  if (err instanceof AppError) return out(err.code, err.message, err.details);
  if (err instanceof ZodError) {
    const fields = err.issues.map((i) => ({
      field: i.path.join('.') || '(body)',
      message: i.message,
    }));
    const first = fields[0];
    return out('bad_request', first ? `${first.field}: ${first.message}` : 'invalid request', {
      fields,
    });
  }
  const bodyError = err as { type?: unknown; status?: unknown; message?: unknown; limit?: unknown };
  if (bodyError.type === 'entity.too.large') {
    const limit = typeof bodyError.limit === 'number' ? bodyError.limit : undefined;
    return out(
      'payload_too_large',
      `the request body is larger than the server accepts${limit ? ` (${limit} bytes)` : ''}`,
      limit ? { limit } : undefined,
    );
  }
  if (
    typeof bodyError.type === 'string' &&
    typeof bodyError.status === 'number' &&
    bodyError.status < 500
  ) {
    return out('bad_request', `the request body is not valid: ${String(bodyError.message)}`);
  }
  return out('internal', 'internal error');
}

export const errorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const mapped = mapError(err);
  // An unreachable upstream is a state, not a bug: one line each, without a stack.
  if (err instanceof AppError && err.code === 'unavailable')
    console.warn(`unavailable: ${err.message}`);
  else if (mapped.status >= 500) console.error('request failed:', err);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(mapped.status).json(mapped.body);
};

export const notFoundHandler: RequestHandler = (req, res) => {
  const body: ErrorBody = {
    error: { code: 'not_found', message: `no route ${req.method} ${req.path.slice(0, 200)}` },
  };
  res.status(404).json(body);
};
