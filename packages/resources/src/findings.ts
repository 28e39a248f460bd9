// A finding is the unit every check returns: data, never an exception, so a caller can show all of
// them at once (the CLI, the editor, the server's validation route).
import { z } from 'zod';

export const Severity = z.enum(['error', 'warning']);
export type Severity = z.infer<typeof Severity>;

/** The one shape of a finding: the HTTP API (`@perses-cm/api`) sends these as they are. */
export const Finding = z.object({
  path: z.string().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
  severity: Severity,
  /** Stable rule id, kebab-case. */
  rule: z.string(),
  message: z.string(),
  kind: z.string().optional(),
  project: z.string().optional(),
  name: z.string().optional(),
  /** Dotted path of the field inside the resource, e.g. `metadata.name`. */
  field: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

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
