// The doctor's table: sections a person reads top to bottom, the blocking mismatches first.
import type { ConsoleSettings, SettingsView } from '@perses-cm/api';

const label = (l: { key: string; value?: string }) =>
  l.value === undefined ? l.key : `${l.key}=${l.value}`;
const list = (n: string[] | 'all' | 'ALL' | null, none: string) =>
  n === null ? none : Array.isArray(n) ? n.join(', ') : n;
const row = (name: string, value: string) => `  ${name.padEnd(18)}${value}\n`;

function settingsRows(s: ConsoleSettings): string {
  return (
    row('label', label(s.label)) +
    row('namespaces', list(s.namespaces, "the context's namespace")) +
    row('new resources in', s.defaultNamespace ?? 'the first watched namespace') +
    row('sidecar watches', list(s.sidecar.namespaces, '')) +
    row('UNIQUE_FILENAMES', s.sidecar.uniqueFilenames ? 'on' : 'off') +
    row('FOLDER_ANNOTATION', s.sidecar.folderAnnotation) +
    row('interval', s.provisioningInterval)
  );
}

export function formatDoctor(v: SettingsView): string {
  const d = v.discovered;
  let out = 'Discovered\n';
  out += row(
    'workload',
    d.workload
      ? `${d.workload}${d.release ? ` (release ${d.release})` : ''}`
      : `none: ${d.reason ?? ''}`,
  );
  if (d.sidecar) {
    out += row('sidecar', d.sidecar.container);
    for (const [k, val] of Object.entries(d.sidecar.env)) out += row(`  ${k}`, val);
  }
  const p = d.perses;
  out += row(
    'Perses',
    !p
      ? 'not found'
      : p.error
        ? `${p.where}: ${p.error}`
        : `${p.where} version ${p.version ?? '?'}, interval ${p.interval ?? '?'}, folders ${p.folders.join(', ') || 'none'}`,
  );
  out += `\nConsole settings (${v.storedIn})\n${settingsRows(v.settings)}`;
  out += '\nFindings\n';
  if (v.findings.length === 0) out += '  none\n';
  for (const f of v.findings) out += `  ${f.severity.toUpperCase().padEnd(9)}${f.message}\n`;
  out += `\nWorst-case lag\n  ${v.lag.message}\n`;
  out += '\nNot in Perses v0.54.0\n';
  for (const n of v.newer) out += `  ${n.name}: ${n.message}\n`;
  out += `\nHelm values (${v.helm.command})\n`;
  out += v.helm.values.replace(/^/gm, '  ');
  return out;
}
