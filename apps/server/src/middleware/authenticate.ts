// Who is calling, per auth mode: the server itself (local); the user and groups an auth proxy at
// a trusted address names in its headers (proxy); or the person whose session cookie this is
// (token). Credentials a browser sends of its own (Authorization, Impersonate-*) are dropped
// before anything reads the request: the console never passes a caller's headers on.
import type { Request, RequestHandler } from 'express';
import { parse as parseCookies, serialize } from 'cookie';
import type { AuthMode } from '@perses-cm/api';
import type { AuthConfig } from '../config-auth.ts';
import { AppError } from '../domain/errors.ts';
import type { Credential, Identity } from '../domain/identity.ts';
import type { IdentityResolver } from '../routes/respond.ts';
import type { SessionStore } from '../services/sessions.ts';

export const SESSION_COOKIE = 'perses-cm-session';

/** Kubernetes adds it to every impersonated user; a SubjectAccessReview needs it spelled out. */
const AUTHENTICATED = 'system:authenticated';
const IMPERSONATE: Credential = { type: 'impersonate' };

export type TrustFn = (address: string, hop: number) => boolean;

export interface Access {
  mode: AuthMode;
  /** Resolved once per request; throws `unauthorized` when the request carries nobody. */
  identify: IdentityResolver;
  sessions: SessionStore | null;
}

/** Drops Authorization and Impersonate-* of the caller, whatever the mode. */
export function stripCallerCredentials(): RequestHandler {
  return (req, _res, next) => {
    for (const name of Object.keys(req.headers)) {
      if (name === 'authorization' || name.startsWith('impersonate-')) delete req.headers[name];
    }
    next();
  };
}

function headerValues(req: Request, name: string): string[] {
  const raw = req.headers[name];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

function proxyIdentity(
  auth: Extract<AuthConfig, { mode: 'proxy' }>,
  trust: TrustFn,
): (req: Request) => Identity {
  return (req) => {
    const peer = req.socket.remoteAddress ?? '';
    // The headers mean something only from the proxy itself: anyone else could write them.
    if (!trust(peer, 0))
      throw new AppError(
        'unauthorized',
        'sign in through the auth proxy: this address is not trusted',
      );
    const users = headerValues(req, auth.userHeader);
    const name = users[0];
    if (name === undefined || users.length > 1)
      throw new AppError(
        'unauthorized',
        `the auth proxy sent ${users.length === 0 ? 'no' : 'more than one'} ${auth.userHeader} header`,
      );
    const groups = [...new Set(headerValues(req, auth.groupsHeader))];
    if (!groups.includes(AUTHENTICATED)) groups.push(AUTHENTICATED);
    return { name, groups, source: 'proxy', credential: IMPERSONATE };
  };
}

export function sessionIdOf(req: Request): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookies(header)[SESSION_COOKIE] : undefined;
}

/** The session cookie: never readable by scripts, never sent cross-site, Secure under TLS. */
export function sessionCookie(req: Request, id: string | null): string {
  return serialize(SESSION_COOKIE, id ?? '', {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    ...(id === null ? { maxAge: 0 } : {}),
  });
}

export function createAccess(
  auth: AuthConfig,
  trust: TrustFn,
  self: Identity,
  sessions: SessionStore | null,
): Access {
  let resolve: (req: Request) => Identity | Promise<Identity>;
  if (auth.mode === 'proxy') resolve = proxyIdentity(auth, trust);
  else if (auth.mode === 'token') {
    if (!sessions) throw new Error('token mode needs a session store');
    resolve = async (req) => {
      const id = sessionIdOf(req);
      const who = id ? await sessions.identify(id) : null;
      if (!who) throw new AppError('unauthorized', 'sign in with a Kubernetes token');
      return who;
    };
  } else resolve = () => self;
  const seen = new WeakMap<Request, Promise<Identity>>();
  return {
    mode: auth.mode,
    sessions,
    identify: (req) => {
      let who = seen.get(req);
      if (!who) {
        who = Promise.resolve().then(() => resolve(req));
        seen.set(req, who);
      }
      return who;
    },
  };
}

/** Refuses requests that carry nobody, before any route runs. */
export function requireIdentity(identify: IdentityResolver): RequestHandler {
  return async (req, _res, next) => {
    await identify(req);
    next();
  };
}
