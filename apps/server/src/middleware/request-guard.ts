// Protects a console bound to loopback from web pages in the user's browser: a DNS-rebinding
// page arrives with a foreign Host header, and a cross-site write carries Sec-Fetch-Site.
import type { RequestHandler } from 'express';
import type { ErrorBody } from '@perses-cm/api';

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function hostnameOf(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return new URL(`http://${header}`).hostname;
  } catch {
    return null;
  }
}

const refuse = (message: string): ErrorBody => ({ error: { code: 'forbidden', message } });

/**
 * When the server listens on loopback only, the Host header must name loopback too; other
 * bindings sit behind an ingress or proxy that owns host checks. Writes from another site are
 * refused whatever the binding.
 */
export function requestGuard(bindHost: string): RequestHandler {
  const checkHost = isLoopback(bindHost);
  return (req, res, next) => {
    if (checkHost) {
      const host = hostnameOf(req.headers.host);
      if (host === null || !(isLoopback(host) || host === bindHost)) {
        res.status(403).json(refuse('this console only answers requests addressed to localhost'));
        return;
      }
    }
    const site = req.headers['sec-fetch-site'];
    if (req.method !== 'GET' && req.method !== 'HEAD' && site === 'cross-site') {
      res.status(403).json(refuse('cross-site requests may not change resources'));
      return;
    }
    next();
  };
}
