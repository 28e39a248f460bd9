// Safe parsing with positions. Like Perses (`internal/cli/file`), the format is detected from the
// content: text that is valid JSON is JSON, anything else is read as YAML. The user's document is
// returned as parsed: nothing is reordered, defaulted or stripped.

import type { DocFormat } from './doc-format.ts';
import { fieldOf, type Finding } from './findings.ts';
import { parseJson, type JsonIssue } from './parse-json.ts';
import { readJsonFast } from './parse-json-fast.ts';
import { lineStartsOf, pointerKey, positionAt, type Position, type Span } from './parse-limits.ts';
import { locateYaml, parseYaml, spanYaml } from './parse-yaml.ts';
import { readYamlFast } from './parse-yaml-fast.ts';

export interface ParsedText {
  format: DocFormat;
  /** One entry per YAML document (JSON: exactly one); undefined for a document that failed. */
  documents: unknown[];
  findings: Finding[];
  locate(pointer: (string | number)[], docIndex?: number): Position | undefined;
  /** Offsets of the value exactly at `pointer` (no nearest ancestor), computed on demand. */
  span(pointer: readonly (string | number)[], docIndex?: number): Span | undefined;
}

export interface ParseOptions {
  filename?: string;
  /** Force a format instead of detecting it (e.g. the editor knows what it holds). */
  format?: DocFormat;
  /**
   * JSON nesting limit, MAX_DEPTH by default. Only for text that wraps a document in levels of
   * its own (an HTTP request body `{"document": ...}`); the document itself gets MAX_DEPTH.
   */
  maxDepth?: number;
}

function looksLikeJson(text: string, filename: string | undefined): boolean {
  return /\.json$/i.test(filename ?? '') || /^\s*[[{]/.test(text);
}

export function parseText(text: string, opts: ParseOptions = {}): ParsedText {
  const path = opts.filename;
  const at = (pos: Position | undefined) => (pos ? { line: pos.line, column: pos.column } : {});

  if (opts.format !== 'yaml') {
    const fast = readJsonFast(text, opts.maxDepth);
    if (fast) return jsonOnDemand(text, fast.value, opts.maxDepth);
    const json = parseJson(text, opts.maxDepth);
    const locateJson = (pointer: (string | number)[]) => {
      for (let n = pointer.length; n >= 0; n--) {
        const span = json.spans.get(pointerKey(pointer.slice(0, n)));
        if (span) return json.position(span.start);
      }
      return undefined;
    };
    const jsonFinding = (issue: JsonIssue): Finding => ({
      ...(path !== undefined ? { path } : {}),
      ...at(json.position(issue.offset)),
      severity: 'error',
      rule: issue.rule,
      message: issue.rule === 'parse-error' ? `invalid JSON: ${issue.message}` : `${issue.message}`,
      ...(issue.pointer?.length ? { field: fieldOf(issue.pointer) } : {}),
    });
    const jsonSemantics = json.issues.map((issue) => jsonFinding(issue));
    if (!json.syntaxError) {
      return {
        format: 'json',
        documents: [json.value],
        findings: jsonSemantics,
        locate: (pointer) => locateJson(pointer),
        span: (pointer, docIndex = 0) =>
          docIndex === 0 ? json.spans.get(pointerKey(pointer)) : undefined,
      };
    }
    // Unparseable JSON: no documents, the semantic findings so far and the syntax error.
    const failure: ParsedText = {
      format: 'json',
      documents: [],
      findings: [...jsonSemantics, jsonFinding(json.syntaxError)],
      locate: () => undefined,
      span: () => undefined,
    };
    if (json.syntaxError.rule === 'max-depth' || opts.format === 'json') {
      return failure;
    }
    if (!looksLikeJson(text, path)) {
      const fast = readYamlFast(text);
      if (fast) return yamlOnDemand(text, fast.value);
    }
    const yaml = parseYaml(text);
    if (!yaml.failed || !looksLikeJson(text, path)) {
      const findings = yamlFindings(yaml, path);
      if (!yaml.failed && looksLikeJson(text, path)) {
        const pos = json.position(json.syntaxError.offset);
        findings.unshift({
          ...(path !== undefined ? { path } : {}),
          ...at(pos),
          severity: 'warning',
          rule: 'json-fallback-yaml',
          message: `not valid JSON (${json.syntaxError.message}); Perses falls back to reading it as YAML, fix the JSON to keep the file portable`,
        });
      }
      return yamlParsed(yaml, findings);
    }
    return failure;
  }
  const fast = readYamlFast(text);
  if (fast) return yamlOnDemand(text, fast.value);
  const yaml = parseYaml(text);
  return yamlParsed(yaml, yamlFindings(yaml, path));
}

/** YAML with nothing to report: the value now, the node tree only when positions are asked for. */
function yamlOnDemand(text: string, value: unknown): ParsedText {
  let tree: ParsedText | undefined;
  const full = () => (tree ??= yamlParsed(parseYaml(text), []));
  return {
    format: 'yaml',
    documents: [value],
    findings: [],
    locate: (pointer, docIndex = 0) => {
      // Where the document starts (a chart file's line, asked for every file it loads) needs no
      // tree: the first line that is not blank or a comment, unless a marker decides.
      const start = pointer.length === 0 && docIndex === 0 ? yamlRootStart(text) : undefined;
      return start !== undefined
        ? positionAt(text, start, lineStartsOf(text.slice(0, start + 1)))
        : full().locate(pointer, docIndex);
    },
    span: (pointer, docIndex) => full().span(pointer, docIndex),
  };
}

/** The offset of a YAML text's first content; undefined when none or a `---`/`...` comes first. */
function yamlRootStart(text: string): number | undefined {
  for (let at = 0; at < text.length;) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    const content = line.search(/[^ \t\r]/);
    if (content >= 0 && line[content] !== '#')
      return /^(?:---|\.\.\.)(?:[ \t\r]|$)/.test(line) ? undefined : at + content;
    if (end < 0) break;
    at = end + 1;
  }
  return undefined;
}

/**
 * Valid JSON without issues: the value now, positions only when asked (the editor, a finding),
 * from the strict reader run once for this text.
 */
function jsonOnDemand(text: string, value: unknown, maxDepth: number | undefined): ParsedText {
  let strict: ReturnType<typeof parseJson> | undefined;
  const spans = () => (strict ??= parseJson(text, maxDepth)).spans;
  return {
    format: 'json',
    documents: [value],
    findings: [],
    locate: (pointer) => {
      // The document itself starts at its first character: no need to read the rest for that.
      if (pointer.length === 0) {
        const start = text.search(/[^ \t\n\r]/);
        return start < 0
          ? undefined
          : positionAt(text, start, lineStartsOf(text.slice(0, start + 1)));
      }
      for (let n = pointer.length; n >= 0; n--) {
        const span = spans().get(pointerKey(pointer.slice(0, n)));
        if (span) return (strict as ReturnType<typeof parseJson>).position(span.start);
      }
      return undefined;
    },
    span: (pointer, docIndex = 0) =>
      docIndex === 0 ? spans().get(pointerKey(pointer)) : undefined,
  };
}

function yamlFindings(yaml: ReturnType<typeof parseYaml>, path: string | undefined): Finding[] {
  const findings: Finding[] = yaml.issues.map((issue) => {
    const pos = yaml.position(issue.offset);
    return {
      ...(path !== undefined ? { path } : {}),
      line: pos.line,
      column: pos.column,
      severity: issue.severity ?? 'error',
      rule: issue.rule,
      message:
        issue.rule === 'parse-error'
          ? `invalid YAML${yaml.nodes.length > 1 ? ` (document ${issue.docIndex + 1})` : ''}: ${issue.message}`
          : issue.message,
    };
  });
  if (yaml.nodes.length > 1) {
    const second = yaml.nodes[1]?.range?.[0] ?? 0;
    const pos = yaml.position(Math.max(0, second));
    findings.push({
      ...(path !== undefined ? { path } : {}),
      line: pos.line,
      column: pos.column,
      severity: 'warning',
      rule: 'multi-document',
      message: `file holds ${yaml.nodes.length} YAML documents: Perses v0.54.0 reads only the first one and silently ignores the rest (all are checked here); use one file per document or a top-level list`,
    });
  }
  return findings;
}

function yamlParsed(yaml: ReturnType<typeof parseYaml>, findings: Finding[]): ParsedText {
  return {
    format: 'yaml',
    documents: yaml.documents,
    findings,
    locate: (pointer, docIndex = 0) => locateYaml(yaml.nodes[docIndex], pointer, yaml.position),
    span: (pointer, docIndex = 0) =>
      yaml.documents[docIndex] === undefined ? undefined : spanYaml(yaml.nodes[docIndex], pointer),
  };
}
