// /api/v1/apply-now: whether the console can also write saves through to Perses, and if not why.
import { Router } from 'express';
import { ApplyNowAvailability } from '@perses-cm/api';
import type { ApplyNow } from '../services/apply/apply-now.ts';
import { send } from './respond.ts';

export function applyNowRouter(applyNow: ApplyNow): Router {
  const r = Router();
  r.get('/', (_req, res) => send(res, ApplyNowAvailability, applyNow.availability()));
  return r;
}
