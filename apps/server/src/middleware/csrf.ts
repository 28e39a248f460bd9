// Cross-site request forgery defence for every state-changing request: it must come from this
// console's own origin and carry the console's custom header, which a page on another site
// cannot add without a CORS preflight that this server never grants; and a body must be JSON,
// since `text/plain` and form posts are what a cross-site <form> can send without one.
import type { RequestHandler } from 'express';
import { CSRF_HEADER } from '@perses-cm/api';
import { AppError } from '../domain/errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

function hasBody(headers: Record<string, unknown>): boolean {
  const length = headers['content-length'];
  return (
    headers['transfer-encoding'] !== undefined || (typeof length === 'string' && length !== '0')
  );
}

/** The host (and port) an Origin header names, or null when it names none (`null`, garbage). */
function originHost(origin: string): string | null {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * `raw`: paths that also take an archive as the body (of these types). The custom header is what
 * stops a cross-site form, which cannot set it, so such a body is as safe there as JSON.
 */
export function csrfGuard(raw: { paths: string[]; types: RegExp } | null = null): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const origin = req.headers.origin;
    // Behind a trusted proxy the browser's host is X-Forwarded-Host (req.host follows
    // `trust proxy`); otherwise it is the Host header itself.
    const own = (req.host || req.headers.host || '').toLowerCase();
    if (origin !== undefined && originHost(origin) !== own) {
      throw new AppError(
        'forbidden',
        `requests from ${origin.slice(0, 100)} may not change anything here`,
      );
    }
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') {
      throw new AppError('forbidden', `${site} requests may not change anything here`);
    }
    if (!req.headers[CSRF_HEADER]) {
      throw new AppError(
        'forbidden',
        `state-changing requests must carry the ${CSRF_HEADER} header (the console's web app and clients send it)`,
      );
    }
    const type = req.headers['content-type'] ?? '';
    const rawOk = raw !== null && raw.paths.includes(req.path) && raw.types.test(type);
    if (hasBody(req.headers) && !JSON_TYPE.test(type) && !rawOk) {
      throw new AppError(
        'unsupported_media_type',
        `request bodies must be application/json, not ${(req.headers['content-type'] ?? 'untyped').slice(0, 100)}`,
      );
    }
    next();
  };
}
