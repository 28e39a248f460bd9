// Output of `perses-cm lint`: one line per finding (text) or a JSON array for tools.

import type { Finding } from '@perses-cm/resources';

export function formatText(findings: readonly Finding[], fileCount: number): string {
  const lines = findings.map((f) => {
    const at = f.line !== undefined ? `${f.path ?? ''}:${f.line}:${f.column ?? 1}` : (f.path ?? '');
    return `${at} ${f.severity} ${f.rule} ${f.message}`;
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(fileCount, 'file')}`,
  );
  return lines.join('\n');
}

/** The documented JSON shape: `{path, line?, column?, severity, rule, message, kind?, project?, name?}`. */
export function formatJson(findings: readonly Finding[]): string {
  return JSON.stringify(
    findings.map((f) => ({
      path: f.path ?? '',
      ...(f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : {}),
      severity: f.severity,
      rule: f.rule,
      message: f.message,
      ...(f.kind !== undefined ? { kind: f.kind } : {}),
      ...(f.project !== undefined ? { project: f.project } : {}),
      ...(f.name !== undefined ? { name: f.name } : {}),
    })),
    null,
    2,
  );
}
