// Protects the console from web pages in the user's browser: a DNS-rebinding page arrives with a
// foreign Host header, and a cross-site write carries Sec-Fetch-Site.
import type { RequestHandler } from 'express';
import { API, type ErrorBody } from '@perses-cm/api';

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

/** Probes and scrapers address a pod by its IP: these answers hold nothing worth rebinding for. */
const PROBE_PATHS = new Set<string>([API.healthz, API.readyz, API.metrics]);

/**
 * The Host header must name loopback when the server listens on loopback only, and loopback or
 * one of `allowedHosts` when a list is given for a wider binding (a pod or a compose service);
 * a wider binding without a list sits behind an ingress that owns host checks. Writes from
 * another site are refused whatever the binding.
 */
export function requestGuard(bindHost: string, allowedHosts: string[] = []): RequestHandler {
  const loopbackOnly = isLoopback(bindHost);
  const allowed = new Set(allowedHosts.map((h) => h.toLowerCase()));
  if (loopbackOnly) allowed.add(bindHost);
  const checkHost = loopbackOnly || allowed.size > 0;
  return (req, res, next) => {
    if (checkHost && !(allowedHosts.length > 0 && PROBE_PATHS.has(req.path))) {
      const host = hostnameOf(req.headers.host)?.toLowerCase() ?? null;
      if (host === null || !(isLoopback(host) || allowed.has(host))) {
        const names = loopbackOnly ? 'localhost' : [...allowed].join(', ');
        res.status(403).json(refuse(`this console only answers requests addressed to ${names}`));
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
