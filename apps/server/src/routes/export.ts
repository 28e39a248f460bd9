// /api/v1/export: the preview of a chart export, and the archive itself, streamed.
import { Router } from 'express';
import { ExportPreview, ExportQuery } from '@perses-cm/api';
import { ARCHIVE_TYPES } from '../services/export/archive.ts';
import type { ExportService } from '../services/export/export-service.ts';
import { send, type IdentityResolver } from './respond.ts';

export function exportRouter(service: ExportService, identify: IdentityResolver): Router {
  const r = Router();
  r.get('/preview', async (req, res) => {
    const query = ExportQuery.parse(req.query);
    send(res, ExportPreview, await service.preview(await identify(req), query));
  });
  r.get('/', async (req, res) => {
    const query = ExportQuery.parse(req.query);
    // Everything that can fail with a clear answer fails here, before the first byte is sent.
    const prepared = await service.prepare(await identify(req), query);
    // attachment() also guesses a type from the name: the archive's own type goes after it.
    res.attachment(prepared.preview.archiveName);
    res.setHeader('content-type', ARCHIVE_TYPES[query.format].contentType);
    res.setHeader('cache-control', 'no-store');
    try {
      await service.write(prepared, query.format, res);
    } catch (err) {
      // Headers are gone: a half-sent archive can only be cut off, which the client sees.
      if (!res.destroyed) res.destroy(err as Error);
    }
  });
  return r;
}
