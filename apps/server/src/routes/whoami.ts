// GET /api/v1/whoami: who the caller is and what they may do per namespace.
import { Router } from 'express';
import { WhoAmIResponse } from '@perses-cm/api';
import type { CapabilitiesService } from '../services/capabilities.ts';
import { send, type IdentityResolver } from './respond.ts';

export function whoamiRouter(
  capabilities: CapabilitiesService,
  identify: IdentityResolver,
): Router {
  const r = Router();
  r.get('/', async (req, res) => {
    send(res, WhoAmIResponse, await capabilities.whoami(await identify(req)));
  });
  return r;
}
