// Lint of a whole set of files and ConfigMaps: every entry on its own (lint-entries.ts), then
// the rules that need the whole set, the way the sidecar and Perses provisioning see it.

import {
  defaultDatasourceSlot,
  duplicateDefaultMessage,
  DUPLICATE_DEFAULT_RULE,
} from './default-datasource.ts';
import { sortFindings, type Finding } from './findings.ts';
import { chartTemplatePitfalls, configMapCollisions } from './lint-configmaps.ts';
import { describeIdentity, identityKey } from './identity.ts';
import { kindInfo } from './kinds.ts';
import {
  lintConfigMap,
  lintFile,
  type LintEntry,
  type LintOptions,
  type Located,
} from './lint-entries.ts';
import { configMapsFromManifest, isManifest, type ConfigMapEntry } from './manifest.ts';
import { parseText } from './parse.ts';

export type { LintEntry, LintOptions };

function where(r: Located) {
  return { path: r.path, ...(r.line !== undefined ? { line: r.line, column: r.column } : {}) };
}

function who(r: Located) {
  return {
    kind: r.id.kind,
    name: r.id.name,
    ...(r.id.project !== undefined ? { project: r.id.project } : {}),
  };
}

function seenAt(r: Located): string {
  return `${r.configMap ? `ConfigMap ${r.configMap} in ` : ''}${r.path}${r.line !== undefined ? `:${r.line}` : ''}`;
}

/** Files that are Kubernetes manifests become ConfigMap entries; the rest stay files. */
function expand(entries: LintEntry[]): { entries: LintEntry[]; findings: Finding[] } {
  const out: LintEntry[] = [];
  const findings: Finding[] = [];
  for (const entry of entries) {
    if (entry.source === 'file' && /\.(ya?ml|json)$/.test(entry.path)) {
      const parsed = parseText(entry.text, { filename: entry.path });
      if (isManifest(parsed)) {
        // kubectl applies every document of a manifest: the multi-document warning is for Perses files.
        findings.push(
          ...parsed.findings
            .filter((f) => f.rule !== 'multi-document')
            .map((f) => ({ ...f, path: entry.path })),
        );
        const manifest = configMapsFromManifest(entry.path, entry.text, parsed);
        out.push(...manifest.entries);
        findings.push(...manifest.findings);
        continue;
      }
    }
    out.push(entry);
  }
  return { entries: out, findings };
}

function duplicateIdentities(resources: Located[]): Finding[] {
  const first = new Map<string, Located>();
  const findings: Finding[] = [];
  for (const r of resources) {
    const key = identityKey(r.id);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, r);
      continue;
    }
    findings.push({
      ...where(r),
      ...who(r),
      severity: 'error',
      rule: 'duplicate-identity',
      message: `${describeIdentity(r.id)} is also defined at ${seenAt(earlier)} (Perses lower-cases names): both are applied every cycle and the last one wins; keep one`,
    });
  }
  return findings;
}

function duplicateDefaults(resources: Located[]): Finding[] {
  const first = new Map<string, Located>();
  const findings: Finding[] = [];
  for (const r of resources) {
    const slot = defaultDatasourceSlot(r.doc);
    if (!slot) continue;
    const earlier = first.get(slot.key);
    if (!earlier) {
      first.set(slot.key, r);
      continue;
    }
    if (identityKey(earlier.id) === identityKey(r.id)) continue; // reported as a duplicate identity
    findings.push({
      ...where(r),
      ...who(r),
      severity: 'error',
      rule: DUPLICATE_DEFAULT_RULE,
      message: duplicateDefaultMessage(r.id, slot, earlier.id, seenAt(earlier)),
    });
  }
  return findings;
}

function unknownProjects(resources: Located[]): Finding[] {
  const projects = new Set(
    resources.filter((r) => r.id.kind === 'Project').map((r) => r.id.name.toLowerCase()),
  );
  return resources
    .filter(
      (r) =>
        kindInfo(r.id.kind)?.scope === 'project' &&
        r.id.project &&
        !projects.has(r.id.project.toLowerCase()),
    )
    .map((r) => ({
      ...where(r),
      ...who(r),
      severity: 'warning' as const,
      rule: 'unknown-project',
      message: `${describeIdentity(r.id)}: project "${r.id.project ?? ''}" is not defined in the linted files; Perses refuses the resource unless that project already exists`,
    }));
}

function plaintextSecrets(resources: Located[]): Finding[] {
  return resources
    .filter(
      (r) =>
        (r.configMap !== undefined || r.chartPath !== undefined) &&
        ['Secret', 'GlobalSecret', 'User'].includes(r.id.kind),
    )
    .map((r) => ({
      ...where(r),
      ...who(r),
      severity: 'warning' as const,
      rule: 'plaintext-secret',
      message: `${describeIdentity(r.id)} puts ${r.id.kind === 'User' ? 'a password' : 'credentials'} in plain text in a ConfigMap, readable by anyone who can read ConfigMaps; prefer a Kubernetes Secret-backed setup or *File fields`,
    }));
}

/**
 * Lints files and ConfigMaps as the sidecar + Perses provisioning pipeline would treat them:
 * each entry's parse and resource findings, then duplicate identities, default datasources,
 * missing projects, plaintext secrets, ConfigMap names, sizes, labels and sidecar file paths.
 */
export function lintResources(input: LintEntry[], opts: LintOptions = {}): Finding[] {
  const { entries, findings } = expand(input);
  const resources: Located[] = [];
  const chartPaths = new Map<string, string>();
  const files: string[] = [];
  const cms: ConfigMapEntry[] = [];
  for (const entry of entries) {
    const result = entry.source === 'file' ? lintFile(entry) : lintConfigMap(entry, opts);
    findings.push(...result.findings);
    resources.push(...result.resources);
    if (entry.source === 'configmap') cms.push(entry);
    else {
      files.push(entry.path);
      if (entry.chartPath !== undefined) chartPaths.set(entry.path, entry.chartPath);
    }
  }
  findings.push(
    ...duplicateIdentities(resources),
    ...duplicateDefaults(resources),
    ...unknownProjects(resources),
    ...plaintextSecrets(resources),
    ...configMapCollisions(cms),
    ...chartTemplatePitfalls(files, chartPaths, opts.chartRelease ?? 'perses'),
  );
  return sortFindings(findings);
}

/** `files/...` part of a path inside a Helm chart, if the path goes through a `files` folder. */
export function chartPathOf(path: string): string | undefined {
  const parts = path.split(/[\\/]+/);
  const at = parts.lastIndexOf('files');
  return at >= 0 && at < parts.length - 1 ? parts.slice(at).join('/') : undefined;
}
