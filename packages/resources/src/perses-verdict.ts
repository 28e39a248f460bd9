// Perses's answer to `POST /api/validate/<plural>` is one text: the errors of every panel, query,
// variable and datasource joined by line breaks (Go's errors.Join), each a CUE report whose paths
// are relative to the plugin it checked. This splits that text into one problem per field and
// finds each field in the document, so an editor can put it on the right line. Formats read in
// Perses v0.54.0: internal/api/plugin/schema (cue.go `invalid %s %s: %s`, schema.go
// `panel %q: %w` around `invalid query n°%d`) and pkg/model/api/v1/dashboard.go
// (`no panel found for ref %q`).

import { isRecord } from './resource-items.ts';

export interface PersesProblem {
  /** The problem in words, without CUE's file positions (they point into Perses's plugins). */
  message: string;
  /** Where the problem is in the document, when the message names it. */
  pointer?: (string | number)[];
}

type Pointer = (string | number)[];

const SUBJECT =
  /^(?:invalid (panel|variable|datasource|query) ?(.*?)|panel "((?:[^"\\]|\\.)*)": invalid query n°(\d+)): (.*)$/;
const CUE_LINE =
  /^((?:[\w$#-]+|"(?:[^"\\]|\\.)*"|\[\d+\])(?:\.(?:[\w$#-]+|"(?:[^"\\]|\\.)*")|\[\d+\])*): (.*)$/;

/** Perses's message without the `bad request:` prefixes and the echo error wrapper. */
export function persesMessageText(message: string): string {
  let text = message.trim();
  const wrapped = /^(?:bad request: )*code=\d+, message=(.*?)(?:, internal=[\s\S]*)?$/.exec(text);
  if (wrapped?.[1] !== undefined) text = wrapped[1];
  return text.replace(/^(?:bad request: )+/, '').trim();
}

/** One problem per field Perses names, each located in `doc` where the message allows it. */
export function persesProblems(message: string, doc: unknown): PersesProblem[] {
  const problems: (PersesProblem & { parts: string[] })[] = [];
  let subject: { label: string; base: Pointer | undefined } | null = null;
  // Problems of one subject and path merge: CUE reports each branch of a disjunction apart.
  const byKey = new Map<string, PersesProblem & { parts: string[] }>();
  const add = (label: string, pointer: Pointer | undefined, part: string) => {
    const key = `${label}\n${pointer ? JSON.stringify(pointer) : ''}`;
    const found = byKey.get(key);
    if (found) {
      if (!found.parts.includes(part)) found.parts.push(part);
      return;
    }
    const p = { message: '', parts: [part], ...(pointer ? { pointer } : {}) };
    byKey.set(key, p);
    problems.push(p);
    p.message = label;
  };

  for (const raw of persesMessageText(message).split('\n')) {
    if (raw.trim() === '' || /^\s/.test(raw)) continue; // CUE positions: files of Perses's plugins
    const line = raw.trim().replace(/:$/, '');
    const head = SUBJECT.exec(line);
    let rest = line;
    if (head) {
      subject = subjectOf(head, doc);
      rest = head[5] ?? '';
    }
    if (rest === '') continue;
    const cue = CUE_LINE.exec(rest);
    const what = (cue?.[2] ?? rest).replace(/:$/, '');
    if (/^\d+ errors in empty disjunction$/.test(what)) continue;
    if (subject && cue?.[1]) {
      const path = cuePath(cue[1]);
      add(
        `${subject.label}: ${cue[1]}`,
        subject.base ? [...subject.base, ...path] : undefined,
        what,
      );
    } else if (subject) add(subject.label, subject.base, what);
    else add('', wholeDocPointer(rest, doc), what);
  }
  return problems.map(({ message: label, parts, pointer }) => ({
    message: label ? `${label}: ${parts.join('; ')}` : parts.join('; '),
    ...(pointer ? { pointer } : {}),
  }));
}

function subjectOf(m: RegExpExecArray, doc: unknown): { label: string; base: Pointer | undefined } {
  const kind = isRecord(doc) ? doc.kind : undefined;
  const what = m[1];
  const name = m[2] ?? '';
  if (m[3] !== undefined) {
    const panel = unquote(m[3]);
    const n = Number(m[4]);
    return {
      label: `panel "${panel}", query ${n}`,
      base: ['spec', 'panels', panel, 'spec', 'queries', n - 1, 'spec', 'plugin'],
    };
  }
  if (what === 'panel')
    return { label: `panel "${name}"`, base: ['spec', 'panels', name, 'spec', 'plugin'] };
  if (what === 'datasource') {
    if (kind === 'Dashboard')
      return {
        label: `datasource "${name}"`,
        base: ['spec', 'datasources', name, 'plugin'],
      };
    return { label: `datasource "${name}"`, base: ['spec', 'plugin'] };
  }
  if (what === 'variable') {
    if (kind === 'Dashboard') {
      const vars = isRecord(doc) && isRecord(doc.spec) ? doc.spec.variables : undefined;
      const i = Array.isArray(vars)
        ? vars.findIndex((v) => isRecord(v) && isRecord(v.spec) && v.spec.name === name)
        : -1;
      return {
        label: `variable "${name}"`,
        base: i >= 0 ? ['spec', 'variables', i, 'spec', 'plugin'] : undefined,
      };
    }
    return { label: name ? `variable "${name}"` : 'variable', base: ['spec', 'spec', 'plugin'] };
  }
  return { label: `${what ?? 'plugin'}${name ? ` "${name}"` : ''}`, base: undefined };
}

/** Problems that name no panel or variable: a layout's dangling `$ref`, an unknown plugin. */
function wholeDocPointer(text: string, doc: unknown): Pointer | undefined {
  const ref = /^no panel found for ref "((?:[^"\\]|\\.)*)"/.exec(text);
  if (ref?.[1] !== undefined) return refPointer(doc, `#/spec/panels/${unquote(ref[1])}`);
  const plugin = /^schema not found for plugin (\S*) with version/.exec(text);
  if (plugin?.[1]) return pluginPointer(doc, plugin[1], []);
  return undefined;
}

function refPointer(doc: unknown, ref: string): Pointer | undefined {
  const layouts = isRecord(doc) && isRecord(doc.spec) ? doc.spec.layouts : undefined;
  if (!Array.isArray(layouts)) return undefined;
  for (const [i, layout] of layouts.entries()) {
    const items = isRecord(layout) && isRecord(layout.spec) ? layout.spec.items : undefined;
    if (!Array.isArray(items)) continue;
    for (const [j, item] of items.entries()) {
      if (isRecord(item) && isRecord(item.content) && item.content.$ref === ref)
        return ['spec', 'layouts', i, 'spec', 'items', j, 'content', '$ref'];
    }
  }
  return undefined;
}

/** The first `plugin: {kind}` with that kind, depth first. */
function pluginPointer(value: unknown, kind: string, at: Pointer): Pointer | undefined {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = pluginPointer(v, kind, [...at, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  if (isRecord(value.plugin) && value.plugin.kind === kind) return [...at, 'plugin', 'kind'];
  for (const [k, v] of Object.entries(value)) {
    const found = pluginPointer(v, kind, [...at, k]);
    if (found) return found;
  }
  return undefined;
}

/** `spec.legend."0_0"[2]` → `['spec', 'legend', '0_0', 2]`. */
function cuePath(path: string): Pointer {
  const out: Pointer = [];
  for (const m of path.matchAll(/"((?:[^"\\]|\\.)*)"|\[(\d+)\]|([^.[\]"]+)/g)) {
    if (m[1] !== undefined) out.push(unquote(m[1]));
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}

function unquote(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}
