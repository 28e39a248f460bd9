// Per-entry lint: one file or one ConfigMap, turned into the resources it provisions plus the
// findings about the entry itself (extension, key, name, label, size).

import { base64Decode, utf8Decode } from './bytes.ts';
import { configMapSizeBytes, sizeProblem, type ConfigMapLike } from './configmap.ts';
import { describeLocation, placementOf, type Placement } from './cross-rules.ts';
import { isProvisionedFile } from './doc-format.ts';
import type { Finding } from './findings.ts';
import type { ConfigMapEntry } from './manifest.ts';
import { configMapKeyProblem, dns1123SubdomainProblem } from './names.ts';
import { parseText } from './parse.ts';
import type { Position } from './parse-limits.ts';
import { resourceItems } from './resource-items.ts';
import { sidecarFilePath } from './sidecar.ts';
import { validateResource } from './validate.ts';

export interface FileEntry {
  source: 'file';
  path: string;
  text: string;
  /** Path inside a Helm chart (`files/...`, see chartPathOf): the chart renders it into a ConfigMap. */
  chartPath?: string;
  /** The chart renders it with the chart docs' generator template, whose pitfalls lint shows. */
  docsTemplate?: boolean;
}

export type LintEntry = FileEntry | ConfigMapEntry;

export interface LintOptions {
  /** Expected sidecar label; `value` undefined = any value (like the sidecar's unset LABEL_VALUE). */
  label?: { key: string; value?: string };
  /** Release name used to reproduce the chart docs' generator template. Default `perses`. */
  chartRelease?: string;
}

/** One resource (or a key holding none) of the linted set, and where its findings point. */
export interface Located extends Partial<Position> {
  placement: Placement;
  path: string;
}

export interface EntryResult {
  findings: Finding[];
  resources: Located[];
}

type Where = Pick<Placement, 'container' | 'sidecarPath' | 'inConfigMap'> & {
  /** The placement's `at` for a resource found at `pos`. */
  at: (pos: Position | undefined) => string;
};

/** The findings and placements of one text; a text Perses takes nothing from yields one placement. */
function lintText(
  text: string,
  path: string,
  key: string,
  shift: (pos: Position | undefined) => Position | undefined,
  prefix: string,
  where: Where,
): EntryResult {
  const parsed = parseText(text, { filename: key });
  const relocate = (f: Finding): Finding => {
    const pos = shift(f.line !== undefined ? { line: f.line, column: f.column ?? 1 } : undefined);
    const { line: _l, column: _c, ...rest } = f;
    return { ...rest, path, ...(pos ?? {}), message: `${prefix}${f.message}` };
  };
  const { items, findings: itemFindings } = resourceItems(parsed, path);
  const findings = [...parsed.findings, ...itemFindings].map(relocate);
  const resources: Located[] = [];
  const { at, ...rest } = where;
  for (const item of items) {
    const ctx = { path, locate: parsed.locate, pointer: item.pointer, docIndex: item.docIndex };
    findings.push(...validateResource(item.value, ctx).map(relocate));
    const pos = shift(parsed.locate(item.pointer, item.docIndex));
    const placement = placementOf(item.value, { ...rest, at: at(pos) });
    resources.push({ placement, path, ...(pos ?? {}) });
  }
  if (items.length === 0) resources.push(emptyPlacement(path, shift(undefined), where));
  return { findings, resources };
}

function emptyPlacement(path: string, pos: Position | undefined, where: Where): Located {
  const { at, ...rest } = where;
  return { placement: { ...rest, at: at(pos) }, path, ...(pos ?? {}) };
}

export function lintFile(entry: FileEntry): EntryResult {
  if (!isProvisionedFile(entry.path))
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
  return lintText(entry.text, entry.path, entry.path, (p) => p, '', {
    container: entry.path,
    inConfigMap: entry.chartPath !== undefined,
    at: (pos) => describeLocation({ path: entry.path, ...(pos ?? {}) }),
  });
}

const nsName = (cm: ConfigMapLike) => ({
  name: cm.metadata.name,
  ...(cm.metadata.namespace !== undefined ? { namespace: cm.metadata.namespace } : {}),
});

export function configMapLabel(cm: ConfigMapLike): string {
  return `${cm.metadata.namespace ? `${cm.metadata.namespace}/` : ''}${cm.metadata.name}`;
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
  const size = sizeProblem(configMapSizeBytes(cm), `ConfigMap ${label} holds`);
  if (size) findings.push({ ...at, ...size });

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
    const where: Where = {
      container: label,
      sidecarPath: sidecarFilePath(cm.metadata, key),
      inConfigMap: true,
      at: () => describeLocation({ configMap: { ...nsName(cm), key } }),
    };
    const keyProblem = configMapKeyProblem(key);
    if (keyProblem)
      findings.push({
        ...keyAt,
        severity: 'error',
        rule: 'invalid-data-key',
        message: `${prefix}key ${keyProblem}`,
      });
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
    if (!isProvisionedFile(key)) {
      findings.push({
        ...keyAt,
        severity: 'warning',
        rule: 'ignored-file',
        message: `${prefix}Perses only reads .json, .yaml and .yml files: this key is ignored`,
      });
      // Still a file the sidecar writes, so it can overwrite another.
      resources.push(emptyPlacement(entry.path, shift(undefined), where));
      continue;
    }
    const result = lintText(text, entry.path, key, shift, prefix, where);
    findings.push(...result.findings);
    resources.push(...result.resources);
  }
  return { findings, resources };
}
