// Turns a request's document (exact text, or a JSON value) into checked text: parsed with the
// resource model's strict rules, exactly one resource, within the ConfigMap size limit.
import type { DocFormat, Finding } from '@perses-cm/api';
import { AppError } from '../domain/errors.ts';
import { serializeResource, type ValidateContext } from '@perses-cm/resources';
import { CONFIGMAP_MAX_BYTES, parse } from '../domain/model.ts';

export interface DocumentInput {
  text?: string | undefined;
  format?: DocFormat | undefined;
  document?: unknown;
}

export interface CheckedDocument {
  text: string;
  format: DocFormat;
  document: unknown;
  /** Parse findings (warnings only; errors are thrown). */
  findings: Finding[];
  context: ValidateContext | undefined;
}

/** Serialises a JSON value the way the console stores new documents. */
export function serialise(document: unknown, format: DocFormat): string {
  try {
    return serializeResource(document, format);
  } catch (err) {
    throw new AppError('bad_request', `document cannot be serialised: ${(err as Error).message}`);
  }
}

/** Size check in UTF-8 bytes, before anything is parsed further or written. */
export function checkSize(text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > CONFIGMAP_MAX_BYTES) {
    throw new AppError(
      'payload_too_large',
      `the document is ${bytes} bytes; a ConfigMap holds at most ${CONFIGMAP_MAX_BYTES} bytes`,
      { limit: CONFIGMAP_MAX_BYTES, size: bytes },
    );
  }
}

/** Parses text (or a JSON value) with the model's rules and throws 400 on any parse error. */
export function readDocument(
  input: DocumentInput,
  defaultFormat: DocFormat = 'json',
): CheckedDocument {
  const text = input.text ?? serialise(input.document, input.format ?? defaultFormat);
  checkSize(text);
  const parsed = parse(
    text,
    undefined,
    input.text === undefined ? (input.format ?? defaultFormat) : input.format,
  );
  const errors = parsed.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    throw new AppError(
      'validation_failed',
      `the document does not parse: ${errors[0]?.message ?? ''}`,
      {
        findings: parsed.findings,
      },
    );
  }
  if (parsed.documents.length !== 1) {
    throw new AppError(
      'bad_request',
      parsed.documents.length === 0
        ? 'the document is empty'
        : `the document holds ${parsed.documents.length} resources; send one resource (one per ConfigMap)`,
    );
  }
  return {
    text,
    format: parsed.format,
    document: parsed.documents[0],
    findings: parsed.findings,
    context: parsed.contexts[0],
  };
}
