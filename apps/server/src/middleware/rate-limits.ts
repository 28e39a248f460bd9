// Rate limits (express-rate-limit): sign-in attempts per client address, so tokens cannot be
// guessed at speed, and resource writes per user, so one caller cannot flood the API server
// and the sidecar. Answers over the limit are 429 in the error envelope, with RateLimit headers.
import type { Request, RequestHandler } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import type { ErrorBody } from '@perses-cm/api';
import type { Identity } from '../domain/identity.ts';

const WINDOW_MS = 60_000;

function limiter(
  perMinute: number,
  what: string,
  key: (req: Request) => string | Promise<string>,
): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: key,
    // The console decides which proxies it believes (--trusted-proxies); a forwarded header
    // from any other address is ignored by design, not a misconfiguration to warn about.
    validate: { xForwardedForHeader: false },
    handler: (_req, res) => {
      const body: ErrorBody = {
        error: {
          code: 'rate_limited',
          message: `too many ${what}: at most ${perMinute} a minute, try again shortly`,
        },
      };
      res.status(429).json(body);
    },
  });
}

/** Sign-in attempts per client address (behind trusted proxies, the forwarded one). */
export function signInLimit(perMinute: number): RequestHandler {
  return limiter(perMinute, 'sign-in attempts', (req) => ipKeyGenerator(req.ip ?? ''));
}

/** Writes per identity: a person behind a shared proxy address is counted alone. */
export function writeLimit(
  perMinute: number,
  identify: (req: Request) => Promise<Identity>,
): RequestHandler {
  return limiter(perMinute, 'changes', async (req) => {
    const who = await identify(req);
    return JSON.stringify([who.source, who.name]);
  });
}
