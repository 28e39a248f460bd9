// Lint of a whole set of files and ConfigMaps: every entry on its own (lint-entries.ts), then
// the rules that need the whole set, the way the sidecar and Perses provisioning see it.

import { crossFindings } from './cross-rules.ts';
import { isProvisionedFile } from './doc-format.ts';
import { sortFindings, type Finding } from './findings.ts';
import { chartTemplatePitfalls, configMapNameCollisions } from './lint-configmaps.ts';
import {
  lintConfigMap,
  lintFile,
  type LintEntry,
  type LintOptions,
  type Located,
} from './lint-entries.ts';
import { configMapsFromManifest, isManifest, type ConfigMapEntry } from './manifest.ts';
import { neighbourhood } from './neighbourhood.ts';
import { parseText } from './parse.ts';

export type { LintEntry, LintOptions };

function where(r: Located) {
  return { path: r.path, ...(r.line !== undefined ? { line: r.line, column: r.column } : {}) };
}

/** The rules over placements and neighbours, each finding pointing at its resource. */
function placementFindings(located: Located[]): Finding[] {
  const near = neighbourhood(located.map((r) => r.placement));
  return located.flatMap((r) =>
    crossFindings(r.placement, near(r.placement)).map((f) => ({ ...where(r), ...f })),
  );
}

/** Files that are Kubernetes manifests become ConfigMap entries; the rest stay files. */
function expand(entries: LintEntry[]): { entries: LintEntry[]; findings: Finding[] } {
  const out: LintEntry[] = [];
  const findings: Finding[] = [];
  for (const entry of entries) {
    if (entry.source === 'file' && isProvisionedFile(entry.path)) {
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
      if (entry.chartPath !== undefined && entry.docsTemplate === true)
        chartPaths.set(entry.path, entry.chartPath);
    }
  }
  findings.push(
    ...placementFindings(resources),
    ...configMapNameCollisions(cms),
    ...chartTemplatePitfalls(files, chartPaths, opts.chartRelease ?? 'perses'),
  );
  return sortFindings(findings);
}
