// /api/v1/settings: the console's settings beside what runs, as the caller may see it (GET), saved and put in force without
// a restart (PUT); /relabel/plan lists what a relabel would change, /relabel does it as NDJSON.
import { Router, type RequestHandler } from 'express';
import { ConsoleSettings, RelabelPlan, RelabelProgress, SettingsView } from '@perses-cm/api';
import { badRequest } from '../domain/errors.ts';
import { requestIdOf } from '../middleware/request-id.ts';
import type { Relabel } from '../services/settings/relabel.ts';
import type { SettingsService } from '../services/settings/settings-service.ts';
import { send, type IdentityResolver } from './respond.ts';

export function settingsRouter(
  settings: SettingsService,
  relabel: Relabel | null,
  identify: IdentityResolver,
  writeLimit: RequestHandler,
): Router {
  const r = Router();
  r.get('/', async (req, res) => send(res, SettingsView, await settings.view(await identify(req))));
  r.put('/', writeLimit, async (req, res) => {
    const who = await identify(req);
    send(res, ConsoleSettings, await settings.update(who, req.body, requestIdOf(res)));
  });
  const need = () => {
    if (!relabel) throw badRequest('a chart directory has no ConfigMap labels to change');
    return relabel;
  };
  r.post('/relabel/plan', async (req, res) => {
    const who = await identify(req);
    send(res, RelabelPlan, await need().plan(who, req.body));
  });
  r.post('/relabel', writeLimit, async (req, res) => {
    const who = await identify(req);
    const run = need().apply(who, req.body, requestIdOf(res));
    // The first step checks the request and lists: its errors are still a plain JSON answer.
    const first = await run.next();
    res.status(200).setHeader('content-type', 'application/x-ndjson');
    const line = (p: RelabelProgress) => res.write(`${JSON.stringify(RelabelProgress.parse(p))}\n`);
    if (!first.done) line(first.value);
    for await (const p of run) line(p);
    res.end();
  });
  return r;
}
