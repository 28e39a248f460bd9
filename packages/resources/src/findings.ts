// A finding is the unit every check returns: data, never an exception, so a caller can show all of
// them at once (the CLI, the editor, the server's validation route).

export type Severity = 'error' | 'warning';

export interface Finding {
  path?: string;
  line?: number;
  column?: number;
  severity: Severity;
  /** Stable rule id, kebab-case; see RULES in rules.ts for the list. */
  rule: string;
  message: string;
  kind?: string;
  project?: string;
  name?: string;
  /** Dotted path of the field inside the resource, e.g. `metadata.name`. */
  field?: string;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

/** Stable order for output: by path, then position, then rule. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.path ?? '').localeCompare(b.path ?? '') ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.rule.localeCompare(b.rule),
  );
}

/** Dotted field path from a pointer: `['spec', 'panels', 'a']` → `spec.panels.a`. */
export function fieldOf(pointer: readonly (string | number)[]): string {
  return pointer
    .map((p) => (typeof p === 'number' ? `[${p}]` : p))
    .join('.')
    .replace(/\.\[/g, '[');
}
