// Findings the browser computes at once, without the server: YAML parse errors (Monaco has a JSON
// language service but no YAML one) and the markers a merge left where two edits overlap.
import type { DocFormat, Finding } from '@perses-cm/api';
import { parseText } from '@perses-cm/resources';

export const CONFLICT_MARKER = /^(<{7}|={7}|>{7})(?: |$)/;

/** Every line of a merge conflict block's markers, as an error the user must resolve. */
export function conflictFindings(text: string): Finding[] {
  const out: Finding[] = [];
  let line = 0;
  for (const l of text.split('\n')) {
    line++;
    const m = CONFLICT_MARKER.exec(l);
    if (!m) continue;
    out.push({
      severity: 'error',
      rule: 'merge-conflict',
      line,
      column: 1,
      message: m[1]?.startsWith('<')
        ? 'merge conflict: your lines follow, then the stored ones after =======; keep what is right and delete the three marker lines'
        : 'merge conflict marker: delete it once the lines around it are resolved',
    });
  }
  return out;
}

// Parsing a large YAML text takes long enough to delay keystrokes; the server's answer, which
// comes a moment later, carries the same parse errors.
const LOCAL_YAML_MAX_CHARS = 200_000;

export function localFindings(text: string, format: DocFormat): Finding[] {
  const conflicts = text.includes('<<<<<<<') ? conflictFindings(text) : [];
  if (format !== 'yaml' || text.length > LOCAL_YAML_MAX_CHARS) return conflicts;
  try {
    const parsed = parseText(text, { format }).findings.filter(
      (f) => f.rule.startsWith('parse') || f.severity === 'error',
    );
    return [...conflicts, ...parsed];
  } catch {
    return conflicts;
  }
}
