// Lint of hand-written YAML: a plain scalar that Perses's reader (Go's yaml.v3) or another YAML 1.1
// reader types differently from YAML 1.2. A panel key `1_0` is the string "1_0" to us and the
// number 10 to Perses, so `$ref: "#/spec/panels/1_0"` then finds no panel and Perses refuses the
// whole dashboard: that is an error on names and panel keys, a warning elsewhere.

import { isMap, isScalar, isSeq, type Document, type Scalar } from 'yaml';
import type { Severity } from './findings.ts';
import { otherReading, type OtherReading } from './yaml-readers.ts';

export const YAML11_RULE = 'yaml11-plain-scalar';

export interface TypingIssue {
  offset: number;
  severity: Severity;
  message: string;
}

type Pointer = (string | number)[];

/** What a key or value names, when Perses matches it against something else; else undefined. */
function nameRole(pointer: Pointer, isKey: boolean): string | undefined {
  // A file may hold a top-level list of resources.
  const p = typeof pointer[0] === 'number' ? pointer.slice(1) : pointer;
  const at = (...segments: (string | number | null)[]) =>
    p.length === segments.length && segments.every((s, i) => s === null || s === p[i]);
  if (isKey && at('spec', 'panels', null)) return 'panel key';
  if (isKey && at('spec', 'datasources', null)) return 'datasource key';
  if (!isKey && at('metadata', 'name')) return 'metadata.name';
  if (!isKey && at('metadata', 'project')) return 'metadata.project';
  if (!isKey && (at('spec', 'variables', null, 'spec', 'name') || at('spec', 'spec', 'name')))
    return 'variable name';
  return undefined;
}

function describe(value: unknown): string {
  if (value instanceof Date) return 'a timestamp';
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  return `the ${typeof value} ${String(value)}`;
}

function messageOf(text: string, ours: unknown, other: OtherReading, role: string | undefined) {
  const who =
    other.reader === 'perses'
      ? "Perses (Go's yaml.v3, which keeps YAML 1.1 forms)"
      : 'YAML 1.1 readers (kubectl, PyYAML; not Perses)';
  const subject = role ? `${role} ${text}` : `plain scalar ${text}`;
  const broken =
    role === 'panel key' && other.reader === 'perses'
      ? `, so $ref "#/spec/panels/${text}" finds no panel and Perses refuses the dashboard`
      : '';
  const fix =
    typeof ours === 'string'
      ? `quote it ("${text}") to keep the string (Format does)`
      : 'write it in a form both read the same (no leading zero or underscore)';
  return `${subject}: ${who} read${other.reader === 'perses' ? 's' : ''} it as ${describe(other.value)}, YAML 1.2 as ${describe(ours)}${broken}; ${fix}`;
}

export function yaml11Issues(doc: Document.Parsed): TypingIssue[] {
  const issues: TypingIssue[] = [];
  // A plain walk with one pointer stack: the library's visit() builds a frozen path per node, too
  // slow for the editor's per-keystroke parse of a large dashboard.
  const pointer: Pointer = [];
  const check = (node: Scalar, isKey: boolean) => {
    // Only untagged plain scalars are typed by their text (`!!str 3` is a string to every reader).
    if (node.type !== 'PLAIN' || node.tag !== undefined || !node.range) return;
    const text = node.source ?? String(node.value);
    const other = otherReading(text, node.value);
    if (!other) return;
    const role = nameRole(pointer, isKey);
    issues.push({
      offset: node.range[0],
      severity: role && other.reader === 'perses' ? 'error' : 'warning',
      message: messageOf(text, node.value, other, role),
    });
  };
  const walk = (node: unknown) => {
    if (isScalar(node)) check(node, false);
    else if (isMap(node))
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key : undefined;
        pointer.push(String(key?.value));
        if (key) check(key, true);
        walk(pair.value);
        pointer.pop();
      }
    else if (isSeq(node))
      node.items.forEach((item, i) => {
        pointer.push(i);
        walk(item);
        pointer.pop();
      });
  };
  walk(doc.contents);
  return issues;
}
