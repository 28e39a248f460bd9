// The one writer of resource text: Format, new ConfigMaps, documents sent as JSON values, and
// (later) export and templates. What it writes means to Perses (Go's yaml.v3 and encoding/json)
// exactly what it means to us.

import { Document, Scalar, visit } from 'yaml';
import type { DocFormat } from './doc-format.ts';
import { parseText } from './parse.ts';
import { YAML_MUST_ESCAPE, YAML_READER_COMPAT } from './yaml-readers.ts';
import { YAML11_RULE } from './yaml-typing.ts';

const ESCAPE_ALL = new RegExp(YAML_MUST_ESCAPE.source, 'gu');
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

function escapeOf(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Block YAML in key order, every string that another reader could type differently quoted (the
 * `yaml` library's `compat` check against yaml.v3's and YAML 1.1's scalar forms), no anchors.
 */
export function toYamlText(value: unknown): string {
  const options = {
    compat: YAML_READER_COMPAT,
    lineWidth: 0,
    aliasDuplicateObjects: false,
  } as const;
  const doc = new Document(value, options);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !YAML_MUST_ESCAPE.test(node.value)) return;
      if (LONE_SURROGATE.test(node.value))
        throw new Error(
          'a string holds a lone UTF-16 surrogate, which no UTF-8 file can carry (Perses would read U+FFFD or refuse the file)',
        );
      node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  // Only double-quoted scalars hold these characters now, so escaping them in place is exact.
  return doc.toString(options).replace(ESCAPE_ALL, escapeOf);
}

/** Deterministic text for a resource: key order as given, 2-space JSON or block YAML. */
export function serializeResource(doc: unknown, format: DocFormat): string {
  return format === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : toYamlText(doc);
}

/**
 * The editor's Format for YAML: read, then write with the one writer (every document of the file,
 * in order), which also quotes plain scalars such as a panel key `1_0`. Undefined when the text
 * does not parse.
 */
export function formatYamlText(text: string): string | undefined {
  const parsed = parseText(text, { format: 'yaml' });
  const docs = parsed.documents;
  // A plain scalar typed differently by YAML 1.1 readers is no obstacle: writing quotes it.
  const errors = parsed.findings.filter((f) => f.severity === 'error' && f.rule !== YAML11_RULE);
  if (errors.length > 0 || docs.length === 0) return undefined;
  if (docs.some((d) => typeof d !== 'object' || d === null)) return undefined;
  return docs.map((d) => toYamlText(d)).join('---\n');
}
