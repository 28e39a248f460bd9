// The browser-side hardening headers of every answer (helmet), with a Content-Security-Policy
// that the self-hosted web app and its Monaco editor work under: scripts and workers only from
// this origin, never inline; no framing at all.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The policy, exported so tests and docs name the same directives. */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  // Monaco inserts <style> elements at run time (its theme, decorations and widget sizes), which
  // a policy without 'unsafe-inline' blocks; scripts stay strict, and styles cannot run code.
  'style-src': ["'self'", "'unsafe-inline'"],
  // Monaco's editor and JSON workers are bundled files served from this origin.
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  // The favicon and Monaco's codicon font may be inlined as data: URLs by the build.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
