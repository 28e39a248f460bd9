// /api/v1/session: what the web app needs before sign-in (the mode, whether this request carries
// someone) and, in token mode, sign-in and sign-out. The token goes in, a cookie comes out: the
// answer never holds the token.
import { Router, type Request, type RequestHandler } from 'express';
import { SessionResponse, SignInRequest, type IdentityInfo } from '@perses-cm/api';
import { AppError } from '../domain/errors.ts';
import type { Identity } from '../domain/identity.ts';
import { sessionCookie, sessionIdOf, type Access } from '../middleware/authenticate.ts';
import { send } from './respond.ts';

const info = (who: Identity): IdentityInfo => ({
  name: who.name,
  groups: who.groups,
  source: who.source,
});

export function sessionRouter(access: Access, signInLimit: RequestHandler): Router {
  const r = Router();
  const idleTimeoutSeconds = access.sessions ? Math.round(access.sessions.idleMs / 1000) : null;
  const status = (who: Identity | null): SessionResponse => ({
    mode: access.mode,
    signedIn: who !== null,
    identity: who ? info(who) : null,
    idleTimeoutSeconds,
  });
  const tokenMode = () => {
    if (!access.sessions)
      throw new AppError(
        'bad_request',
        access.mode === 'proxy'
          ? 'this console signs people in through its auth proxy: sign in and out there'
          : 'this console has no sign-in: it acts as its own Kubernetes identity',
      );
    return access.sessions;
  };
  const current = async (req: Request) => {
    try {
      return await access.identify(req);
    } catch (err) {
      if (err instanceof AppError && err.code === 'unauthorized') return null;
      throw err;
    }
  };

  r.get('/', async (req, res) => {
    send(res, SessionResponse, status(await current(req)));
  });
  r.post('/', signInLimit, async (req, res) => {
    const sessions = tokenMode();
    const { token } = SignInRequest.parse(req.body);
    const previous = sessionIdOf(req);
    const { id, identity } = await sessions.signIn(token);
    if (previous) sessions.end(previous);
    res.setHeader('set-cookie', sessionCookie(req, id));
    send(res, SessionResponse, status(identity), 201);
  });
  r.delete('/', (req, res) => {
    const sessions = tokenMode();
    const id = sessionIdOf(req);
    if (id) sessions.end(id);
    res.setHeader('set-cookie', sessionCookie(req, null));
    // Lists may be kept by the browser to revalidate (private, ETag): none outlives the session.
    res.setHeader('clear-site-data', '"cache"');
    res.status(204).end();
  });
  return r;
}
