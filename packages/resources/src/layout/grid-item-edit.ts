// Moving or resizing one layout item rewrites its x/y/width/height numbers in place and nothing
// else: every other byte of the document (order, spacing, comments, quoting) stays as it was.

import type { DocFormat } from '../doc-format.ts';
import { parseText, type ParsedText } from '../parse.ts';
import type { Pointer } from '../parse-limits.ts';
import { GRID_COLUMNS, type GridBox } from './dashboard-layout.ts';
import { dashboardLayoutOf } from './layout-source.ts';

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

export type GridItemEdit =
  { ok: true; edits: TextEdit[]; text: string } | { ok: false; error: string };

const FIELDS = ['x', 'y', 'width', 'height'] as const;
// A number written plainly (JSON number syntax, which YAML reads the same way).
const PLAIN_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

export function pointerPath(pointer: Pointer): string {
  return pointer
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${p}`))
    .join('');
}

/** Applies non-overlapping edits (any order) to a text. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function checkBox(b: GridBox): string | undefined {
  for (const f of FIELDS)
    if (!Number.isInteger(b[f])) return `${f} must be a whole number (got ${String(b[f])})`;
  if (b.x < 0 || b.y < 0) return 'x and y must be 0 or more';
  if (b.width < 1 || b.height < 1) return 'width and height must be 1 or more';
  if (b.x + b.width > GRID_COLUMNS)
    return `x + width must stay within the ${GRID_COLUMNS} grid columns (got ${b.x + b.width})`;
  return undefined;
}

export interface EditSource {
  text: string;
  /** The parse of exactly `text`, when the caller has it (a 170 KB YAML parse takes ~0.3 s). */
  parsed?: ParsedText;
  format?: DocFormat;
}

/**
 * The edits that give layout item `layoutIndex.itemIndex` of the text's dashboard the box `next`.
 * Only the numbers whose value changes are rewritten; a number written as anything but a plain
 * literal (a YAML alias or anchor, a quoted string, a tag) is refused rather than reinterpreted.
 */
export function gridItemEdit(
  source: EditSource,
  target: { layoutIndex: number; itemIndex: number },
  next: GridBox,
): GridItemEdit {
  const { text, format } = source;
  const wrong = checkBox(next);
  if (wrong) return { ok: false, error: wrong };
  const parsed = source.parsed ?? parseText(text, format ? { format } : {});
  if (parsed.findings.some((f) => f.severity === 'error'))
    return { ok: false, error: 'the text has errors: fix them before arranging panels' };
  const layout = dashboardLayoutOf(parsed);
  const item = layout?.sections[target.layoutIndex]?.items[target.itemIndex];
  if (!layout || !item)
    return {
      ok: false,
      error: `layout item ${target.layoutIndex}.${target.itemIndex} is not in the text`,
    };
  const edits: TextEdit[] = [];
  for (const field of FIELDS) {
    if (item[field] === next[field] && !item.invalid.includes(field)) continue;
    const where = pointerPath([...item.pointer, field]);
    const span = parsed.span([...item.pointer, field], layout.docIndex);
    if (!span) return { ok: false, error: `${where} is missing: add it in the text first` };
    const written = text.slice(span.start, span.end);
    const between = text.slice(span.keyStart, span.start);
    if (!PLAIN_NUMBER.test(written) || !new RegExp(`^"?${field}"?[ \\t]*:\\s*$`).test(between))
      return {
        ok: false,
        error: `${where} is written as ${JSON.stringify(text.slice(span.keyStart, span.end))}: only a plain number can be rewritten, change it in the text`,
      };
    edits.push({ start: span.start, end: span.end, text: String(next[field]) });
  }
  return { ok: true, edits, text: applyTextEdits(text, edits) };
}
