// Who may reach the console and how, for the server's whole life: the auth mode's identity
// resolver (and token-mode sessions), the trusted proxies, the rate limits and the audit log.
// Generations come and go with settings; none of these may be reset by a swap.
import proxyAddr from 'proxy-addr';
import type { ServerConfig } from '../config.ts';
import { DEFAULT_SECURITY } from '../config-auth.ts';
import { createAccess, type Access, type TrustFn } from '../middleware/authenticate.ts';
import { signInLimit, writeLimit } from '../middleware/rate-limits.ts';
import { AuditLog } from '../services/audit-log.ts';
import { SessionStore } from '../services/sessions.ts';
import type { Backend } from '../stores/store.ts';

export interface AccessParts {
  access: Access;
  audit: AuditLog;
  limits: { signIn: ReturnType<typeof signInLimit>; writes: ReturnType<typeof writeLimit> };
  trustProxy: TrustFn | null;
  allowedHosts: string[];
}

export function accessFor(
  config: ServerConfig,
  backend: Backend,
  auditWrite?: (line: string) => void,
): AccessParts {
  const auth = config.auth ?? { mode: 'local' };
  const security = { ...DEFAULT_SECURITY, ...config.security };
  const trustProxy =
    security.trustedProxies.length > 0 ? proxyAddr.compile(security.trustedProxies) : null;
  let sessions: SessionStore | null = null;
  if (auth.mode === 'token') {
    const verify = backend.verifyToken;
    if (!verify) throw new Error('token sign-in needs a cluster: a chart directory has no users');
    sessions = new SessionStore((c) => verify(c), { idleMs: auth.idleTimeoutMs });
  }
  if (auth.mode === 'proxy' && !trustProxy)
    throw new Error('proxy mode needs the addresses of the auth proxy (--trusted-proxies)');
  const access = createAccess(auth, trustProxy ?? (() => false), backend.identity, sessions);
  return {
    access,
    audit: new AuditLog(auth.mode, 1000, auditWrite),
    limits: {
      signIn: signInLimit(security.signInPerMinute),
      writes: writeLimit(security.writesPerMinute, access.identify),
    },
    trustProxy,
    allowedHosts: security.allowedHosts,
  };
}
