// The create page's identity fields and the document stay one: a field's value is read from the
// parsed text, and a change of a field rewrites only that value in the text (JSON or YAML, the
// rest of the text untouched); a missing field is added by writing the document anew.
import type { DocFormat } from '@perses-cm/api';
import { parseText, serializeResource, toYamlText } from '@perses-cm/resources';

export type IdentityField = 'kind' | 'project' | 'name';

const POINTERS: Record<IdentityField, string[]> = {
  kind: ['kind'],
  project: ['metadata', 'project'],
  name: ['metadata', 'name'],
};

/** Text starting with `{` or `[` is JSON; anything else is YAML (Perses falls back the same way). */
export function detectFormat(text: string): DocFormat {
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

export interface DocIdentity {
  parsed: boolean;
  kind: string;
  project: string;
  name: string;
}

export function readIdentity(text: string, format: DocFormat): DocIdentity {
  const doc = parseText(text, { format }).documents[0] as
    { kind?: unknown; metadata?: { name?: unknown; project?: unknown } } | undefined;
  const str = (v: unknown) => (typeof v === 'string' ? v : '');
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    return { parsed: false, kind: '', project: '', name: '' };
  return {
    parsed: true,
    kind: str(doc.kind),
    project: str(doc.metadata?.project),
    name: str(doc.metadata?.name),
  };
}

/** The text with one identity field set to `value`; undefined when the text does not parse. */
export function withIdentityField(
  text: string,
  format: DocFormat,
  field: IdentityField,
  value: string,
): string | undefined {
  const parsed = parseText(text, { format });
  const doc = parsed.documents[0];
  if (parsed.findings.some((f) => f.severity === 'error') || !isObject(doc)) return undefined;
  const span = parsed.span(POINTERS[field]);
  if (span) {
    const literal =
      format === 'json' ? JSON.stringify(value) : toYamlText(value).replace(/\n$/, '');
    return text.slice(0, span.start) + literal + text.slice(span.end);
  }
  const copy = structuredClone(doc);
  if (field === 'kind') copy.kind = value;
  else {
    const metadata = isObject(copy.metadata) ? copy.metadata : {};
    metadata[field] = value;
    copy.metadata = metadata;
  }
  return serializeResource(copy, format);
}

/** The document written in the other format; undefined when it does not parse. */
export function convertFormat(text: string, to: DocFormat): string | undefined {
  const parsed = parseText(text);
  if (parsed.findings.some((f) => f.severity === 'error')) return undefined;
  const doc = parsed.documents[0];
  return doc === undefined ? undefined : serializeResource(doc, to);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
