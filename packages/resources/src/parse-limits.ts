// Limits shared by the JSON and YAML readers. Real Perses dashboards nest about 12 levels deep (the
// 16 dev dashboards peak at 11); 64 leaves room for deep plugin specs while keeping recursive
// consumers (schema validation, the editor, Go's yaml decoder) far from their stack limits.
export const MAX_DEPTH = 64;

// YAML anchors are legitimate for small reuse; more aliases than this in one resource file is the
// shape of an entity-expansion ("billion laughs") attack rather than of a dashboard.
export const MAX_YAML_ALIASES = 50;

// Keys that would reach an object's prototype when a consumer merges the document naively.
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
]);

export interface Position {
  line: number;
  column: number;
}

/**
 * Character offsets of one value in the text: `start`..`end` is the value itself; `keyStart` is
 * where its key begins when it is a mapping entry (else `start`), so a selection can include it.
 */
export interface Span {
  keyStart: number;
  start: number;
  end: number;
}

export type Pointer = readonly (string | number)[];

export function pointerKey(pointer: Pointer): string {
  return pointer.map((p) => String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number, lineStarts: readonly number[]): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  // indexOf scans natively: a 6 MiB request body costs a few milliseconds, not tens.
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Sets a key as an own data property, so even `__proto__` never touches the prototype. */
export function defineKey(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
