// Mapping between Perses resources and the labeled ConfigMaps the k8s-sidecar turns into files.
// Plain objects only: the server converts to and from its Kubernetes client types.

import { base64Decode, utf8Decode, utf8Length } from './bytes.ts';
import { configMapNameFor, dataKeyFor } from './configmap-names.ts';
import { identityOf } from './identity.ts';
import type { DocFormat } from './doc-format.ts';
import { parseText, type ParsedText } from './parse.ts';
import { resourceItems } from './resource-items.ts';
import { serializeResource } from './serialize.ts';

export interface ConfigMapLike {
  apiVersion?: 'v1';
  kind?: 'ConfigMap';
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
  };
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}

/** The Helm chart's default sidecar selector (`sidecar.label` / `sidecar.labelValue`). */
export const DEFAULT_LABEL = { key: 'perses.dev/resource', value: 'true' } as const;

/** Annotations recording the identity, so a ConfigMap can be found without parsing its data. */
export const IDENTITY_ANNOTATIONS = {
  kind: 'perses-cm.dev/kind',
  project: 'perses-cm.dev/project',
  name: 'perses-cm.dev/name',
} as const;

/** Kubernetes's limit on the sum of `data` and `binaryData` values. */
export const CONFIGMAP_MAX_BYTES = 1_048_576;

export interface ResourceToConfigMapOptions {
  namespace?: string;
  label?: { key: string; value: string };
  format?: DocFormat;
  /** The user's own text for the resource: stored as is, so formatting and comments survive. */
  text?: string;
}

export function resourceToConfigMap(
  doc: object,
  opts: ResourceToConfigMapOptions = {},
): ConfigMapLike {
  const id = identityOf(doc);
  if (!id) throw new Error('resource has no provisionable kind or no metadata.name');
  const format = opts.format ?? 'json';
  const label = opts.label ?? DEFAULT_LABEL;
  const annotations: Record<string, string> = {
    [IDENTITY_ANNOTATIONS.kind]: id.kind,
    [IDENTITY_ANNOTATIONS.name]: id.name,
  };
  if (id.project !== undefined) annotations[IDENTITY_ANNOTATIONS.project] = id.project;
  const metadata: ConfigMapLike['metadata'] = {
    name: configMapNameFor(id),
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
    labels: { [label.key]: label.value },
    annotations,
  };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata,
    data: { [dataKeyFor(id, format)]: opts.text ?? serializeResource(doc, format) },
  };
}

export interface ConfigMapResources {
  key: string;
  format: DocFormat;
  text: string;
  parsed: ParsedText;
  /** Every resource object of the key, across all YAML documents (Perses v0.54.0 reads only the first). */
  resources: unknown[];
}

/** The resources a ConfigMap holds, one entry per data (or base64-decoded binaryData) key. */
export function resourcesFromConfigMap(cm: ConfigMapLike): ConfigMapResources[] {
  const texts: [string, string][] = Object.entries(cm.data ?? {});
  for (const [key, value] of Object.entries(cm.binaryData ?? {})) {
    const bytes = base64Decode(value);
    if (bytes) texts.push([key, utf8Decode(bytes)]);
  }
  return texts.map(([key, text]) => {
    const parsed = parseText(text, { filename: key });
    const resources = resourceItems(parsed).items.map((item) => item.value);
    return { key, format: parsed.format, text, parsed, resources };
  });
}

/**
 * Bytes the apiserver counts against CONFIGMAP_MAX_BYTES: UTF-8 length of every `data` value
 * plus the decoded length of every `binaryData` value (keys and metadata are not counted).
 */
export function configMapSizeBytes(cm: ConfigMapLike): number {
  let total = 0;
  for (const value of Object.values(cm.data ?? {})) total += utf8Length(value);
  for (const value of Object.values(cm.binaryData ?? {})) {
    const bytes = base64Decode(value);
    total += bytes ? bytes.length : Math.floor((value.length * 3) / 4);
  }
  return total;
}

/**
 * The ConfigMap size rule for `bytes` of data held by `subject` (e.g. `ConfigMap ns/name holds`,
 * `the document is`): an error above 1 MiB, a warning from 90 %, nothing below.
 */
export function sizeProblem(
  bytes: number,
  subject: string,
): { severity: 'error' | 'warning'; rule: string; message: string } | undefined {
  const n = `${bytes.toLocaleString('en')} bytes`;
  const limit = `the Kubernetes limit of ${CONFIGMAP_MAX_BYTES.toLocaleString('en')} bytes (1 MiB)`;
  if (bytes > CONFIGMAP_MAX_BYTES)
    return {
      severity: 'error',
      rule: 'configmap-too-large',
      message: `${subject} ${n}, over ${limit}: split it, one resource per ConfigMap`,
    };
  if (bytes >= CONFIGMAP_MAX_BYTES * 0.9)
    return {
      severity: 'warning',
      rule: 'configmap-size',
      message: `${subject} ${n}, ${Math.floor((bytes / CONFIGMAP_MAX_BYTES) * 100)}% of ${limit}`,
    };
  return undefined;
}
