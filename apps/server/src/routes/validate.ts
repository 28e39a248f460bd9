// POST /api/v1/validate: findings of the resource model and, when configured, of Perses.
import { Router } from 'express';
import { ValidateRequest, ValidateResponse } from '@perses-cm/api';
import type { ValidationService } from '../services/validation-service.ts';
import { send } from './respond.ts';

export function validateRouter(service: ValidationService): Router {
  const r = Router();
  r.post('/', async (req, res) => {
    send(res, ValidateResponse, await service.validate(ValidateRequest.parse(req.body)));
  });
  return r;
}
