// GET /api/v1/audit: the recent writes through the console, newest first, limited to those in
// namespaces the caller may list (a chart directory's entries have no namespace).
import { Router } from 'express';
import { AuditQuery, AuditResponse } from '@perses-cm/api';
import type { Authorizer } from '../domain/identity.ts';
import type { AuditLog } from '../services/audit-log.ts';
import { send, type IdentityResolver } from './respond.ts';

export function auditRouter(
  log: AuditLog,
  authorizer: Authorizer,
  identify: IdentityResolver,
): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    const { limit = 200 } = AuditQuery.parse(req.query);
    const who = await identify(req);
    const readable = new Map<string, Promise<boolean>>();
    const may = (ns: string) => {
      let d = readable.get(ns);
      if (!d) {
        d = authorizer.can(who, 'list', ns).then(
          (x) => x.allowed,
          () => false,
        );
        readable.set(ns, d);
      }
      return d;
    };
    const entries = [];
    for (const e of log.recent()) {
      if (entries.length >= limit) break;
      if (e.namespace === null || (await may(e.namespace))) entries.push(e);
    }
    send(res, AuditResponse, { entries });
  });
  return r;
}
