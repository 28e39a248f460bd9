// Per-entry lint: one file or one ConfigMap, turned into the resources it provisions plus the
// findings about the entry itself (extension, key, name, label, size).

import { base64Decode, utf8Decode } from './bytes.ts';
import {
  configMapSizeBytes,
  CONFIGMAP_MAX_BYTES,
  SIDECAR_FOLDER_ANNOTATION,
  type ConfigMapLike,
} from './configmap.ts';
import type { Finding } from './findings.ts';
import { identityOf, type ResourceIdentity } from './identity.ts';
import type { ConfigMapEntry } from './manifest.ts';
import { configMapKeyProblem, dns1123SubdomainProblem } from './names.ts';
import { parseText } from './parse.ts';
import type { Position } from './parse-limits.ts';
import { resourceItems } from './resource-items.ts';
import { validateResource } from './validate.ts';

export const PROVISIONED_EXTENSIONS = /\.(json|ya?ml)$/;

export interface FileEntry {
  source: 'file';
  path: string;
  text: string;
  /** Path inside a Helm chart (`files/...`) when the file is rendered into a ConfigMap by a chart. */
  chartPath?: string;
}

export type LintEntry = FileEntry | ConfigMapEntry;

export interface LintOptions {
  /** Expected sidecar label; `value` undefined = any value (like the sidecar's unset LABEL_VALUE). */
  label?: { key: string; value?: string };
  /** Release name used to reproduce the chart docs' generator template. Default `perses`. */
  chartRelease?: string;
}

/** One resource found in the linted set, with where it came from. */
export interface Located {
  id: ResourceIdentity;
  doc: Record<string, unknown>;
  path: string;
  line?: number;
  column?: number;
  /** ConfigMap `namespace/name` and key when it came from a ConfigMap. */
  configMap?: string;
  chartPath?: string;
}

export interface EntryResult {
  findings: Finding[];
  resources: Located[];
}

function lintText(
  text: string,
  path: string,
  key: string,
  shift: (pos: Position | undefined) => Position | undefined,
  prefix: string,
): EntryResult & { parsedFindings: Finding[] } {
  const parsed = parseText(text, { filename: key });
  const relocate = (f: Finding): Finding => {
    const pos = shift(f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : undefined);
    const { line: _l, column: _c, ...rest } = f;
    return { ...rest, path, ...(pos ?? {}), message: `${prefix}${f.message}` };
  };
  const { items, findings: itemFindings } = resourceItems(parsed, path);
  const findings = [...parsed.findings, ...itemFindings].map(relocate);
  const resources: Located[] = [];
  for (const item of items) {
    const ctx = { path, locate: parsed.locate, pointer: item.pointer, docIndex: item.docIndex };
    findings.push(...validateResource(item.value, ctx).map(relocate));
    const id = identityOf(item.value);
    if (!id) continue;
    const pos = shift(parsed.locate(item.pointer, item.docIndex));
    resources.push({ id, doc: item.value as Record<string, unknown>, path, ...(pos ?? {}) });
  }
  return { findings, resources, parsedFindings: parsed.findings };
}

export function lintFile(entry: FileEntry): EntryResult {
  if (!PROVISIONED_EXTENSIONS.test(entry.path))
    return {
      findings: [
        {
          path: entry.path,
          severity: 'warning',
          rule: 'ignored-file',
          message:
            'Perses provisioning only reads .json, .yaml and .yml files: this file is ignored',
        },
      ],
      resources: [],
    };
  const result = lintText(entry.text, entry.path, entry.path, (p) => p, '');
  if (entry.chartPath !== undefined)
    for (const r of result.resources) r.chartPath = entry.chartPath;
  return result;
}

export function configMapLabel(cm: ConfigMapLike): string {
  return `${cm.metadata.namespace ? `${cm.metadata.namespace}/` : ''}${cm.metadata.name}`;
}

/** Folder the sidecar writes a key to, relative to its FOLDER (`''` = FOLDER itself). */
export function sidecarFolder(cm: ConfigMapLike): string {
  return (cm.metadata.annotations?.[SIDECAR_FOLDER_ANNOTATION] ?? '').replace(/\/+$/, '');
}

export function lintConfigMap(entry: ConfigMapEntry, opts: LintOptions): EntryResult {
  const cm = entry.configMap;
  const label = configMapLabel(cm);
  const at = { path: entry.path, ...(entry.position ?? {}) };
  const findings: Finding[] = [];
  const resources: Located[] = [];
  const nameProblem = dns1123SubdomainProblem(cm.metadata.name);
  if (nameProblem)
    findings.push({
      ...at,
      severity: 'error',
      rule: 'invalid-configmap-name',
      message: `ConfigMap name "${cm.metadata.name}" ${nameProblem}: Kubernetes refuses it`,
    });
  if (opts.label) {
    const value = cm.metadata.labels?.[opts.label.key];
    if (value === undefined || (opts.label.value !== undefined && value !== opts.label.value))
      findings.push({
        ...at,
        severity: 'warning',
        rule: 'missing-label',
        message: `ConfigMap ${label} lacks the label ${opts.label.key}${opts.label.value !== undefined ? `=${opts.label.value}` : ''}: the sidecar ignores it`,
      });
  }
  const size = configMapSizeBytes(cm);
  if (size > CONFIGMAP_MAX_BYTES)
    findings.push({
      ...at,
      severity: 'error',
      rule: 'configmap-too-large',
      message: `ConfigMap ${label} holds ${size} bytes, over the Kubernetes limit of ${CONFIGMAP_MAX_BYTES}: split it, one resource per ConfigMap`,
    });
  else if (size > CONFIGMAP_MAX_BYTES * 0.9)
    findings.push({
      ...at,
      severity: 'warning',
      rule: 'configmap-size',
      message: `ConfigMap ${label} holds ${size} bytes, over 90% of the Kubernetes limit of ${CONFIGMAP_MAX_BYTES}`,
    });

  const texts = Object.entries(cm.data ?? {});
  // The sidecar writes binaryData keys base64-decoded, so Perses reads them like data keys.
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    const bytes = base64Decode(value);
    if (bytes) texts.push([key, utf8Decode(bytes)]);
    else
      findings.push({
        ...at,
        severity: 'error',
        rule: 'invalid-data-key',
        message: `ConfigMap ${label} binaryData key "${key}" is not valid base64`,
      });
  }
  for (const [key, text] of texts) {
    const keyPos = entry.keyPositions?.[key];
    const keyAt = keyPos ? { path: entry.path, line: keyPos.line, column: keyPos.column } : at;
    const prefix = `ConfigMap ${label} key "${key}": `;
    const keyProblem = configMapKeyProblem(key);
    if (keyProblem)
      findings.push({
        ...keyAt,
        severity: 'error',
        rule: 'invalid-data-key',
        message: `${prefix}key ${keyProblem}`,
      });
    if (!PROVISIONED_EXTENSIONS.test(key)) {
      findings.push({
        ...keyAt,
        severity: 'warning',
        rule: 'ignored-file',
        message: `${prefix}Perses only reads .json, .yaml and .yml files: this key is ignored`,
      });
      continue;
    }
    const content = keyPos?.content;
    const shift = (p: Position | undefined): Position | undefined =>
      !p
        ? keyPos
          ? { line: keyPos.line, column: keyPos.column }
          : entry.position
        : content
          ? { line: content.line + p.line - 1, column: content.column + p.column - 1 }
          : keyPos
            ? { line: keyPos.line, column: keyPos.column }
            : entry.position;
    const result = lintText(text, entry.path, key, shift, prefix);
    findings.push(...result.findings);
    for (const r of result.resources) resources.push({ ...r, configMap: `${label}#${key}` });
  }
  return { findings, resources };
}
