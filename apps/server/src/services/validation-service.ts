// `POST /api/v1/validate`: the resource model's findings, plus Perses's own verdict when a Perses
// URL is configured and the kind has a validation route. When Perses is not asked, the answer
// says why, so an editor never shows silence where a verdict was expected.
import type { Finding, ValidateRequest, ValidateResponse } from '@perses-cm/api';
import type { PersesClient } from '../perses/perses-client.ts';
import { AppError } from '../domain/errors.ts';
import { readDocument, type CheckedDocument } from './document-input.ts';
import {
  CONFIGMAP_MAX_BYTES,
  kindInfo,
  kindWithCaseFixed,
  persesProblems,
  sizeProblem,
  singleResourceFindings,
  validate,
} from '../domain/model.ts';

export class ValidationService {
  constructor(private readonly perses: PersesClient | null) {}

  async validate(req: ValidateRequest): Promise<ValidateResponse> {
    let doc: CheckedDocument;
    try {
      doc = readDocument(req);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // Parse errors and an oversized document are the answer here, not a failure of the request.
      if (err.code === 'validation_failed') {
        const findings = (err.details as { findings: Finding[] }).findings;
        return { findings, perses: { checked: false, skipped: 'the document does not parse' } };
      }
      if (err.code === 'payload_too_large') return tooLarge(err);
      throw err;
    }
    const findings = [
      ...doc.findings,
      ...validate(doc.document, doc.context),
      ...singleResourceFindings(doc.document),
    ];
    if (!this.perses)
      return { findings, perses: { checked: false, skipped: 'no Perses URL is configured' } };
    const kind = kindInfo(String((doc.document as { kind?: unknown } | null)?.kind))?.kind;
    if (!kind) return { findings, perses: { checked: false, skipped: noKindReason(doc.document) } };
    const verdict = await this.perses.validate(kind, doc.document);
    if (!verdict.checked || verdict.valid || !verdict.message) return { findings, perses: verdict };
    // Perses's name check is the rule lint already states in words: one message on the line, not
    // the regexp again (the panel still shows Perses's whole answer).
    const named = findings.some((f) => f.rule === 'invalid-name' && f.severity === 'error');
    const own = persesFindings(verdict.message, doc).filter(
      (f) => !(named && NAME_REFUSAL.test(f.message)),
    );
    return { findings, perses: { ...verdict, findings: own } };
  }
}

// Perses's wording for a name its ID rule refuses (`"x" is not a correct name. It should match…`).
const NAME_REFUSAL = /is not a correct name/;

/** Perses's refusal per field, at the line of that field (the document's start when unnamed). */
function persesFindings(message: string, doc: CheckedDocument): Finding[] {
  const base = doc.context?.pointer ?? [];
  return persesProblems(message, doc.document).map((p) => {
    const pos = p.pointer
      ? doc.context?.locate?.([...base, ...p.pointer], doc.context.docIndex)
      : undefined;
    return {
      severity: 'error',
      rule: 'perses',
      message: `Perses refuses this document: ${p.message}`,
      ...(pos ? { line: pos.line, column: pos.column } : { line: 1, column: 1 }),
    };
  });
}

function tooLarge(err: AppError): ValidateResponse {
  const size = (err.details as { size?: number } | undefined)?.size ?? CONFIGMAP_MAX_BYTES + 1;
  const problem = sizeProblem(size, 'the document is');
  return {
    findings: problem ? [{ ...problem, line: 1, column: 1 }] : [],
    perses: { checked: false, skipped: `too large to send: ${problem?.message ?? ''}` },
  };
}

function noKindReason(doc: unknown): string {
  const kind = (doc as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string') return 'the document has no "kind"';
  const fixed = kindWithCaseFixed(kind);
  return fixed
    ? `kind "${kind}" is spelled in the wrong case (Perses expects "${fixed}")`
    : `"${kind}" is not a kind Perses validates`;
}
