// Kubernetes manifests among the linted files: YAML (or JSON) holding `kind: ConfigMap` documents
// or a `kind: List` of them. Each ConfigMap becomes a lint entry with the positions of its keys.

import type { ConfigMapLike } from './configmap.ts';
import type { Finding } from './findings.ts';
import type { ParsedText } from './parse.ts';
import type { Position } from './parse-limits.ts';
import { isRecord } from './resource-items.ts';

export interface KeyPosition extends Position {
  /** For a block scalar (`key: |`): where line 1, column 1 of the value's content sits. */
  content?: Position;
}

export interface ConfigMapEntry {
  source: 'configmap';
  /** File the ConfigMap came from (or a label such as `cluster:ns/name`). */
  path: string;
  configMap: ConfigMapLike;
  position?: Position;
  keyPositions?: Record<string, KeyPosition>;
}

function isConfigMap(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && value.kind === 'ConfigMap' && isRecord(value.metadata);
}

/** True when a parsed file is a Kubernetes manifest rather than Perses resources. */
export function isManifest(parsed: ParsedText): boolean {
  return parsed.documents.some(
    (doc) =>
      isConfigMap(doc) ||
      (isRecord(doc) && doc.kind === 'List' && Array.isArray(doc.items)) ||
      (Array.isArray(doc) && doc.some(isConfigMap)),
  );
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : String(v);
  return out;
}

export function configMapsFromManifest(
  path: string,
  text: string,
  parsed: ParsedText,
): { entries: ConfigMapEntry[]; findings: Finding[] } {
  const entries: ConfigMapEntry[] = [];
  const findings: Finding[] = [];
  const lines = text.split('\n');
  const take = (value: unknown, pointer: (string | number)[], docIndex: number) => {
    if (!isConfigMap(value)) return;
    const metadata = value.metadata as Record<string, unknown>;
    const configMap: ConfigMapLike = {
      metadata: {
        name: typeof metadata.name === 'string' ? metadata.name : '',
        ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}),
        ...(stringMap(metadata.labels) ? { labels: stringMap(metadata.labels) } : {}),
        ...(stringMap(metadata.annotations)
          ? { annotations: stringMap(metadata.annotations) }
          : {}),
      },
    };
    const data = stringMap(value.data);
    const binaryData = stringMap(value.binaryData);
    if (data) configMap.data = data;
    if (binaryData) configMap.binaryData = binaryData;
    const keyPositions: Record<string, KeyPosition> = {};
    for (const key of Object.keys(data ?? {})) {
      const pos = parsed.locate([...pointer, 'data', key], docIndex);
      if (!pos) continue;
      const line = lines[pos.line - 1] ?? '';
      // `key: |` or `key: >-`: the content starts on the next line, indented.
      const block = /:\s*[|>][-+0-9]*\s*(#.*)?$/.test(line);
      const next = lines[pos.line] ?? '';
      const indent = next.length - next.trimStart().length;
      keyPositions[key] = block
        ? { ...pos, content: { line: pos.line + 1, column: indent + 1 } }
        : pos;
    }
    const position = parsed.locate(pointer, docIndex);
    entries.push({
      source: 'configmap',
      path,
      configMap,
      ...(position ? { position } : {}),
      keyPositions,
    });
  };
  parsed.documents.forEach((doc, docIndex) => {
    if (isRecord(doc) && doc.kind === 'List' && Array.isArray(doc.items))
      doc.items.forEach((item, i) => take(item, ['items', i], docIndex));
    else if (Array.isArray(doc)) doc.forEach((item, i) => take(item, [i], docIndex));
    else take(doc, [], docIndex);
  });
  return { entries, findings };
}
