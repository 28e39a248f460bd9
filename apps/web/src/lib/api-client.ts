// The one place that talks HTTP to the perses-cm server: every response is parsed with the
// shared zod contract, and every failure becomes an ApiError carrying the server's envelope.
import {
  CSRF_HEADER,
  ErrorBody,
  TARGET_HEADER,
  type ErrorCode,
  type FieldError,
} from '@perses-cm/api';

/** The part of a zod schema the client uses; keeps zod itself a dependency of the contract only. */
export interface Schema<T> {
  safeParse(
    data: unknown,
  ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  readonly details: unknown;

  constructor(status: number, code: ErrorCode | 'network', message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Field errors from a 400/422, when the server listed them. */
  get fields(): FieldError[] {
    const d = this.details as { fields?: unknown; findings?: unknown } | FieldError[] | undefined;
    const list = Array.isArray(d) ? d : Array.isArray(d?.fields) ? d.fields : [];
    return list.filter(
      (f): f is FieldError => typeof f === 'object' && f !== null && 'field' in f && 'message' in f,
    );
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  /** Sent as is (an archive upload) instead of a JSON `body`. */
  raw?: Blob;
  query?: Record<string, string | undefined>;
  signal?: AbortSignal;
}

const unauthorizedListeners = new Set<(err: ApiError) => void>();

/**
 * Called on every 401: the session ended or never was. The app shell listens, to lead to the
 * sign-in page; drafts are already in local storage, so leaving the page loses nothing.
 */
export function onUnauthorized(listener: (err: ApiError) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

let lastTarget: string | null = null;
/** The target description the server sent with its last response (TARGET_HEADER). */
export function lastTargetHeader(): string | null {
  return lastTarget;
}

export async function request<T>(
  path: string,
  schema: Schema<T> | null,
  opts: RequestOptions = {},
): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v !== undefined && v !== '') url.searchParams.set(k, v);
  }
  let res: Response;
  try {
    res = await fetch(url.pathname + url.search, {
      method: opts.method ?? 'GET',
      headers: {
        accept: 'application/json',
        // The server refuses state-changing requests without it (CSRF defence).
        [CSRF_HEADER]: '1',
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.raw !== undefined ? { 'content-type': 'application/octet-stream' } : {}),
      },
      body: opts.raw ?? (opts.body !== undefined ? JSON.stringify(opts.body) : undefined),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', `The server cannot be reached (${(err as Error).message}).`);
  }
  return readResponse(res, url.pathname, schema);
}

/**
 * Reads a response as `request` does: the body parsed with `schema`, or an ApiError carrying the
 * server's envelope (a 401 also tells the unauthorized listeners).
 */
export async function readResponse<T>(
  res: Response,
  path: string,
  schema: Schema<T> | null,
): Promise<T> {
  lastTarget = res.headers.get(TARGET_HEADER) ?? lastTarget;
  const text = await res.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const env = ErrorBody.safeParse(json);
    const err = env.success
      ? new ApiError(
          res.status,
          env.data.error.code,
          env.data.error.message,
          env.data.error.details,
        )
      : new ApiError(res.status, statusCode(res.status), `${res.status} ${res.statusText}`);
    if (res.status === 401) for (const l of unauthorizedListeners) l(err);
    throw err;
  }
  if (!schema) return undefined as T;
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      res.status,
      'internal',
      `Unexpected response from ${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    );
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function statusCode(status: number): ErrorCode {
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 403) return 'forbidden';
  if (status === 401) return 'unauthorized';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'rate_limited';
  if (status >= 400 && status < 500) return 'bad_request';
  if (status === 503) return 'unavailable';
  return 'internal';
}

export function isApiError(err: unknown, code?: ApiError['code']): err is ApiError {
  return err instanceof ApiError && (code === undefined || err.code === code);
}
