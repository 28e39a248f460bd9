// YAML reading with the safety limits of parse-limits.ts. The `yaml` library keeps the node tree,
// which gives positions for locate() and lets us inspect aliases and tags before converting to JS.

import {
  LineCounter,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  visit,
  type Document,
  type Node,
} from 'yaml';
import type { Severity } from './findings.ts';
import {
  FORBIDDEN_KEYS,
  MAX_DEPTH,
  MAX_YAML_ALIASES,
  type Position,
  type Span,
} from './parse-limits.ts';
import { codePointName, YAML_FORBIDDEN_CHARACTER } from './yaml-readers.ts';
import { YAML11_RULE, yaml11Issues } from './yaml-typing.ts';

export interface YamlIssue {
  offset: number;
  rule:
    | 'parse-error'
    | 'duplicate-key'
    | 'forbidden-key'
    | 'max-depth'
    | 'yaml-aliases'
    | 'yaml-recursive-alias'
    | 'yaml-tag'
    | 'control-character'
    | typeof YAML11_RULE;
  message: string;
  docIndex: number;
  /** Default 'error'. Only errors found before conversion keep a document from being read. */
  severity?: Severity;
}

export interface YamlResult {
  documents: unknown[];
  issues: YamlIssue[];
  /** True when at least one issue means a document could not be read at all. */
  failed: boolean;
  nodes: Document.Parsed[];
  position(offset: number): Position;
}

// Tags of the YAML 1.2 core schema, which is all Perses's decoder gives meaning to in a resource.
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

function firstLine(message: string): string {
  return message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? message;
}

function depthOf(node: unknown, depth: number): number {
  if (depth > MAX_DEPTH || !isCollection(node)) return depth;
  let max = depth;
  for (const item of node.items) {
    const child = isPair(item) ? item.value : item;
    max = Math.max(max, depthOf(child, depth + 1));
    if (max > MAX_DEPTH) break;
  }
  return max;
}

/** yaml.v3 refuses the whole file on the first of these characters, so we refuse it too. */
function forbiddenCharacter(text: string): Omit<YamlIssue, 'docIndex'> | undefined {
  const found = YAML_FORBIDDEN_CHARACTER.exec(text);
  if (!found) return undefined;
  const name = codePointName(found[0]);
  return {
    offset: found.index,
    rule: 'control-character',
    message: `control character ${name} is not allowed in YAML: Perses's reader (Go's yaml.v3) refuses the whole file ("control characters are not allowed"); delete it, or write it as an escape ("\\u${name.slice(2)}") in a double-quoted string`,
  };
}

export function parseYaml(text: string): YamlResult {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    uniqueKeys: true,
    // Keep !!binary, !!set... unresolved: they are refused below, never turned into JS objects.
    resolveKnownTags: false,
    prettyErrors: false,
  });
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const list = Array.isArray(docs) ? docs : [];
  const issues: YamlIssue[] = [];
  const documents: unknown[] = [];
  let failed = false;
  const refused = forbiddenCharacter(text);
  const refusedAt = refused ? list.findIndex((d) => (d.range?.[2] ?? 0) > refused.offset) : -1;

  list.forEach((doc, docIndex) => {
    const before = issues.length;
    if (refused && docIndex === Math.max(0, refusedAt)) issues.push({ ...refused, docIndex });
    for (const e of doc.errors) {
      const rule = e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'parse-error';
      issues.push({ offset: e.pos[0], rule, message: firstLine(e.message), docIndex });
    }
    let aliases = 0;
    visit(doc, {
      Alias(_key, node, path) {
        // yaml.v3 refuses an alias inside its own anchor ("anchor 'x' value contains itself"); the
        // JS reader would build a circular object that no JSON or YAML writer can write back.
        const target = node.resolve(doc);
        if (target && path.includes(target))
          issues.push({
            offset: node.range?.[0] ?? 0,
            rule: 'yaml-recursive-alias',
            message: `YAML alias *${node.source} is inside its own anchor &${node.source} (a recursive alias): Perses refuses it ("anchor '${node.source}' value contains itself")`,
            docIndex,
          });
        aliases++;
        if (aliases === MAX_YAML_ALIASES + 1)
          issues.push({
            offset: node.range?.[0] ?? 0,
            rule: 'yaml-aliases',
            message: `more than ${MAX_YAML_ALIASES} YAML aliases (*ref) in one document`,
            docIndex,
          });
      },
      Node(_key, node: Node) {
        if (node.tag !== undefined && !CORE_TAGS.has(node.tag))
          issues.push({
            offset: node.range?.[0] ?? 0,
            rule: 'yaml-tag',
            message: `YAML tag ${node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed in a Perses resource`,
            docIndex,
          });
      },
      Pair(_key, pair) {
        if (isScalar(pair.key) && FORBIDDEN_KEYS.has(String(pair.key.value)))
          issues.push({
            offset: pair.key.range?.[0] ?? 0,
            rule: 'forbidden-key',
            message: `forbidden key ${JSON.stringify(String(pair.key.value))}`,
            docIndex,
          });
        else if (isCollection(pair.key) || isAlias(pair.key))
          issues.push({
            offset: (pair.key as Node).range?.[0] ?? 0,
            rule: 'parse-error',
            message: 'mapping keys must be plain strings',
            docIndex,
          });
      },
    });
    if (depthOf(doc.contents, 1) > MAX_DEPTH)
      issues.push({
        offset: doc.contents?.range?.[0] ?? 0,
        rule: 'max-depth',
        message: `document nests deeper than ${MAX_DEPTH} levels`,
        docIndex,
      });
    const blocked = issues.length > before || refused !== undefined;
    for (const issue of yaml11Issues(doc)) issues.push({ ...issue, rule: YAML11_RULE, docIndex });
    if (blocked) {
      failed = true;
      documents.push(undefined);
      return;
    }
    try {
      documents.push(doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }));
    } catch (e) {
      // The yaml library refuses alias expansion that grows exponentially (nested aliases).
      issues.push({
        offset: doc.contents?.range?.[0] ?? 0,
        rule: 'yaml-aliases',
        message: `YAML aliases expand beyond ${MAX_YAML_ALIASES} copies (${e instanceof Error ? e.message : String(e)})`,
        docIndex,
      });
      failed = true;
      documents.push(undefined);
    }
  });
  return { documents, issues, failed, nodes: list, position };
}

/** Position of the node at `pointer` in a parsed YAML document. */
export function locateYaml(
  doc: Document.Parsed | undefined,
  pointer: readonly (string | number)[],
  position: (offset: number) => Position,
): Position | undefined {
  if (!doc) return undefined;
  let node: unknown = doc.contents;
  let best: number | undefined = (node as Node | null)?.range?.[0];
  for (const segment of pointer) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) break;
      // Point at the key: that is where an editor shows a field's problem.
      best = (pair.key as Node).range?.[0] ?? best;
      node = pair.value;
    } else if (isCollection(node) && typeof segment === 'number') {
      node = node.items[segment];
      best = (node as Node | undefined)?.range?.[0] ?? best;
    } else break;
  }
  return best === undefined ? undefined : position(best);
}

/** Offsets of the node exactly at `pointer`, or undefined when any segment is missing. */
export function spanYaml(
  doc: Document.Parsed | undefined,
  pointer: readonly (string | number)[],
): Span | undefined {
  let node: unknown = doc?.contents;
  let keyStart: number | undefined;
  for (const segment of pointer) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isScalar(p.key) && String(p.key.value) === String(segment),
      );
      if (!pair) return undefined;
      keyStart = (pair.key as Node).range?.[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      keyStart = undefined;
    } else return undefined;
  }
  const range = (node as Node | null | undefined)?.range;
  if (!range) return undefined;
  return { keyStart: keyStart ?? range[0], start: range[0], end: range[1] };
}
