// /api/v1/import: previews (of files sent as JSON, or of an archive sent as the body), the texts
// of an entry for its diff, the apply as a stream of NDJSON progress lines, and its report.
import { Router } from 'express';
import { z } from 'zod';
import {
  ImportApplyRequest,
  ImportEntryTexts,
  ImportPreview,
  ImportPreviewRequest,
  ImportProgressLine,
  ImportReport,
  ImportUploadQuery,
} from '@perses-cm/api';
import { requestIdOf } from '../middleware/request-id.ts';
import type { ImportService } from '../services/import/import-service.ts';
import { send, type IdentityResolver } from './respond.ts';

const Params = z.object({ id: z.string().uuid() });
const EntryParams = Params.extend({ key: z.string().regex(/^\d{1,6}$/, 'an entry key') });

/** Content types an archive upload may carry (the CSRF guard lets these through here only). */
export const UPLOAD_TYPES =
  /^application\/(?:octet-stream|zip|gzip|x-gzip|x-tar|x-compressed-tar)\s*(?:;|$)/i;

export function importRouter(service: ImportService, identify: IdentityResolver): Router {
  const r = Router();
  r.post('/previews', async (req, res) => {
    const body = ImportPreviewRequest.parse(req.body);
    send(res, ImportPreview, await service.preview(await identify(req), body), 201);
  });
  r.post('/previews/archive', async (req, res) => {
    const query = ImportUploadQuery.parse(req.query);
    send(res, ImportPreview, await service.previewUpload(await identify(req), req, query), 201);
  });
  r.get('/previews/:id/entries/:key', async (req, res) => {
    const { id, key } = EntryParams.parse(req.params);
    send(res, ImportEntryTexts, service.texts(await identify(req), id, key));
  });
  r.get('/previews/:id/report', async (req, res) => {
    const { id } = Params.parse(req.params);
    const report = service.report(await identify(req), id);
    res.attachment(`import-report-${id.slice(0, 8)}.json`);
    send(res, ImportReport, report);
  });
  r.post('/previews/:id/apply', async (req, res) => {
    const { id } = Params.parse(req.params);
    const body = ImportApplyRequest.parse(req.body);
    const who = await identify(req);
    const line = (l: z.input<typeof ImportProgressLine>) => {
      res.write(`${JSON.stringify(ImportProgressLine.parse(l))}\n`);
    };
    // Everything before the first line can fail with a normal error answer.
    let started = false;
    try {
      const report = await service.apply(who, id, body, requestIdOf(res), (done, total, item) => {
        if (!started) {
          started = true;
          res.status(200).type('application/x-ndjson');
        }
        line({ type: 'progress', done, total, item });
      });
      if (!started) res.status(200).type('application/x-ndjson');
      line({ type: 'report', report });
      res.end();
    } catch (err) {
      if (!started) throw err;
      line({ type: 'error', code: 'internal', message: (err as Error).message });
      res.end();
    }
  });
  return r;
}
