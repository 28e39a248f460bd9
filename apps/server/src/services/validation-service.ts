// `POST /api/v1/validate`: the resource model's findings, plus Perses's own verdict when a Perses
// URL is configured and the kind has a validation route.
import type { ValidateRequest, ValidateResponse } from '@perses-cm/api';
import type { PersesClient } from '../perses/perses-client.ts';
import { AppError } from '../domain/errors.ts';
import { readDocument } from './document-input.ts';
import { identity, validate } from '../domain/model.ts';

export class ValidationService {
  constructor(private readonly perses: PersesClient | null) {}

  async validate(req: ValidateRequest): Promise<ValidateResponse> {
    let doc;
    try {
      doc = readDocument(req);
    } catch (err) {
      // Parse errors are the answer here, not a failure of the request.
      if (err instanceof AppError && err.code === 'validation_failed') {
        const findings = (err.details as { findings: ValidateResponse['findings'] }).findings;
        return { findings, perses: { checked: false, skipped: 'the document does not parse' } };
      }
      throw err;
    }
    const findings = [...doc.findings, ...validate(doc.document, doc.context)];
    const kind = identity(doc.document)?.kind;
    if (!this.perses)
      return { findings, perses: { checked: false, skipped: 'no Perses URL is configured' } };
    if (!kind) return { findings, perses: { checked: false, skipped: 'the document has no kind' } };
    const verdict = await this.perses.validate(kind, doc.document);
    return { findings, perses: verdict };
  }
}
