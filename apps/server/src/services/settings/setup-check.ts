// The check of the sidecar setup: the console's settings against what runs (the sidecar's env,
// Perses's config), each mismatch in words a user can act on. Pure: the settings page and
// `perses-cm doctor` both call it, so they say the same.
import type { ConsoleSettings, DiscoveredSetup, SetupFinding } from '@perses-cm/api';
import { durationMs } from '../../domain/model.ts';

export interface CheckInput {
  settings: ConsoleSettings;
  discovered: DiscoveredSetup;
  /** Resources the console holds, per namespace. */
  perNamespace: Map<string, number>;
  target: 'kubernetes' | 'directory';
}

const code = (s: string) => `\`${s}\``;
const labelText = (l: { key: string; value?: string }) =>
  l.value === undefined ? l.key : `${l.key}=${l.value}`;

function labelFindings(s: ConsoleSettings, d: DiscoveredSetup): SetupFinding[] {
  const watched = d.sidecar?.label;
  if (!d.sidecar) return [];
  if (!watched)
    return [
      {
        id: 'no-label',
        severity: 'blocking',
        message: 'the sidecar has no LABEL: it does not start',
      },
    ];
  const same =
    watched.key === s.label.key && (watched.value === undefined || watched.value === s.label.value);
  if (same) return [];
  return [
    {
      id: 'label',
      severity: 'blocking',
      message: `the console labels new ConfigMaps ${code(labelText(s.label))}, but the sidecar watches ${code(labelText(watched))}: new resources never reach Perses`,
    },
  ];
}

function namespaceFindings(input: CheckInput): SetupFinding[] {
  const { settings: s, discovered: d, perNamespace } = input;
  const watched = d.sidecar?.namespaces;
  const out: SetupFinding[] = [];
  if (watched && watched !== 'ALL') {
    const only = watched.map(code).join(', ');
    for (const [ns, n] of [...perNamespace].sort()) {
      if (watched.includes(ns) || n === 0) continue;
      out.push({
        id: `namespace:${ns}`,
        severity: 'blocking',
        message: `the sidecar watches only ${only}, but ${n} resource${n === 1 ? '' : 's'} live${n === 1 ? 's' : ''} in ${code(ns)}: they never reach Perses`,
      });
    }
    for (const ns of Array.isArray(s.namespaces) ? s.namespaces : []) {
      if (watched.includes(ns) || perNamespace.has(ns)) continue;
      out.push({
        id: `namespace:${ns}`,
        severity: 'warning',
        message: `the console watches ${code(ns)}, but the sidecar watches only ${only}: resources created there never reach Perses`,
      });
    }
  }
  if (watched && !sameNamespaces(watched, s.sidecar.namespaces))
    out.push({
      id: 'sidecar-namespaces',
      severity: 'warning',
      message: `the settings choose sidecar namespaces ${nsText(s.sidecar.namespaces)}, but it runs with ${nsText(watched)}: apply the Helm values below`,
    });
  return out;
}

const nsText = (n: 'ALL' | string[]) => (n === 'ALL' ? code('ALL') : n.map(code).join(', '));
const sameNamespaces = (a: 'ALL' | string[], b: 'ALL' | string[]) =>
  JSON.stringify(a === 'ALL' ? a : [...a].sort()) ===
  JSON.stringify(b === 'ALL' ? b : [...b].sort());

function sidecarFindings(s: ConsoleSettings, d: DiscoveredSetup): SetupFinding[] {
  const sc = d.sidecar;
  if (!sc) return [];
  const out: SetupFinding[] = [];
  out.push(
    sc.uniqueFilenames
      ? {
          id: 'unique-filenames',
          severity: 'info',
          message: `${code('UNIQUE_FILENAMES')} is on: data keys need not be unique across namespaces`,
        }
      : {
          id: 'unique-filenames',
          severity: 'info',
          message: `${code('UNIQUE_FILENAMES')} is off: two ConfigMaps with the same data key write the same file, and the last one wins`,
        },
  );
  if (sc.uniqueFilenames !== s.sidecar.uniqueFilenames)
    out.push({
      id: 'unique-filenames-choice',
      severity: 'warning',
      message: `the settings choose ${code('UNIQUE_FILENAMES')} ${s.sidecar.uniqueFilenames ? 'on' : 'off'}, but the sidecar runs with it ${sc.uniqueFilenames ? 'on' : 'off'}: apply the Helm values below`,
    });
  if (sc.folderAnnotation !== s.sidecar.folderAnnotation)
    out.push({
      id: 'folder-annotation',
      severity: 'warning',
      message: `the settings choose ${code('FOLDER_ANNOTATION')} ${code(s.sidecar.folderAnnotation)}, but the sidecar reads ${code(sc.folderAnnotation)}: apply the Helm values below`,
    });
  const resource = sc.resource.toLowerCase();
  if (resource === 'secret')
    out.push({
      id: 'resource',
      severity: 'blocking',
      message: `the sidecar reads only Secrets (${code('RESOURCE=secret')}): ConfigMaps never reach Perses`,
    });
  const method = sc.method.toUpperCase();
  if (method === 'LIST')
    out.push({
      id: 'method',
      severity: 'blocking',
      message: `the sidecar lists once at start (${code('METHOD=LIST')}): changes reach Perses only after its pod restarts`,
    });
  for (const [name, value] of Object.entries(sc.env))
    if (value.startsWith('(from'))
      out.push({
        id: `env:${name}`,
        severity: 'warning',
        message: `the sidecar's ${code(name)} comes from a Secret or ConfigMap reference the console does not read: check it by hand`,
      });
  const folders = d.perses?.folders ?? [];
  if (sc.folder && d.perses && !d.perses.error && !folders.some((f) => within(sc.folder ?? '', f)))
    out.push({
      id: 'folder',
      severity: 'blocking',
      message: `the sidecar writes to ${code(sc.folder)}, but Perses provisions from ${folders.length ? folders.map(code).join(', ') : 'no folder'}: nothing reaches Perses`,
    });
  return out;
}

const within = (dir: string, root: string) =>
  dir.replace(/\/+$/, '') === root.replace(/\/+$/, '') ||
  dir.startsWith(`${root.replace(/\/+$/, '')}/`);

function persesFindings(s: ConsoleSettings, d: DiscoveredSetup): SetupFinding[] {
  const p = d.perses;
  if (!p)
    return [
      {
        id: 'perses',
        severity: 'warning',
        message:
          'no Perses to ask for its provisioning config: give --perses-url, or run Perses in a namespace the console looks in',
      },
    ];
  if (p.error)
    return [
      {
        id: 'perses',
        severity: 'warning',
        message: `Perses at ${p.where} did not give its config: ${p.error}`,
      },
    ];
  const out: SetupFinding[] = [];
  const chosen = durationMs(s.provisioningInterval);
  if (p.intervalMs !== null && chosen !== undefined && chosen !== p.intervalMs)
    out.push({
      id: 'interval',
      severity: 'warning',
      message: `the settings choose a provisioning interval of ${s.provisioningInterval}, but Perses runs with ${p.interval}: apply the Helm values below`,
    });
  return out;
}

/** Every mismatch, blocking ones first. */
export function setupFindings(input: CheckInput): SetupFinding[] {
  const { settings: s, discovered: d } = input;
  const out: SetupFinding[] = [];
  if (input.target === 'kubernetes' && !d.sidecar)
    out.push({
      id: 'workload',
      severity: 'warning',
      message: d.reason ?? 'no Perses sidecar found',
    });
  out.push(
    ...labelFindings(s, d),
    ...namespaceFindings(input),
    ...sidecarFindings(s, d),
    ...persesFindings(s, d),
  );
  const rank = { blocking: 0, warning: 1, info: 2 } as const;
  return out.sort((a, b) => rank[a.severity] - rank[b.severity]);
}
