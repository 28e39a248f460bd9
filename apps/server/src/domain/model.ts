// The server's single seam onto the resource model (@perses-cm/resources): parsing, identity,
// validation and the ConfigMap mapping. Everything else in the server calls these helpers.
import {
  CONFIGMAP_MAX_BYTES,
  configMapSizeBytes,
  defaultDatasourceSlot,
  duplicateDefaultMessage,
  identityKey,
  identityOf,
  kindInfo,
  MAX_DEPTH,
  parseText,
  resourceItems,
  resourcesFromConfigMap,
  resourceToConfigMap,
  validateResource,
  type ConfigMapLike,
  type DefaultDatasourceSlot,
  type ResourceIdentity as ModelIdentity,
  type ValidateContext,
  type PersesKind,
} from '@perses-cm/resources';
import type { DocFormat, Finding } from '@perses-cm/api';

export { CONFIGMAP_MAX_BYTES, configMapSizeBytes, defaultDatasourceSlot, kindInfo };
export { DUPLICATE_DEFAULT_RULE, type DefaultDatasourceSlot } from '@perses-cm/resources';

export interface Parsed {
  format: DocFormat;
  /** One per resource object: a top-level list or several YAML documents give several. */
  documents: unknown[];
  /** Where each document sits, so validation findings get line and column. */
  contexts: ValidateContext[];
  findings: Finding[];
}

/**
 * A JSON request body read with the rules documents get (duplicate keys, forbidden keys, depth),
 * so `{"document": ...}` is refused where the same document sent as text is. The body's own
 * object is one level more than the document's limit. Errors come back as findings.
 */
export function parseJsonBody(text: string): { value: unknown; errors: Finding[] } {
  const result = parseText(text, { format: 'json', maxDepth: MAX_DEPTH + 1 });
  const errors = result.findings.filter((f) => f.severity === 'error');
  return { value: errors.length === 0 ? result.documents[0] : undefined, errors };
}

export function parse(text: string, filename?: string, format?: DocFormat): Parsed {
  const result = parseText(text, { filename, format });
  // A top-level list (or several YAML documents) yields one item per resource object.
  const items = resourceItems(result, filename);
  return {
    format: result.format,
    documents: items.items.map((i) => i.value),
    contexts: items.items.map((i) => ({
      path: filename,
      locate: result.locate,
      pointer: i.pointer,
      docIndex: i.docIndex,
    })),
    findings: [...result.findings, ...items.findings],
  };
}

export interface ResourceIdentity {
  kind: string;
  project: string | null;
  name: string;
}

export function identity(doc: unknown): ResourceIdentity | null {
  const id = identityOf(doc);
  if (!id) return null;
  return { kind: id.kind, project: id.project ?? null, name: id.name };
}

/** Perses's identity key (kind, project, lower-cased name): two resources with it clash. */
export function identityKeyOf(id: ResourceIdentity): string {
  return identityKey(toModel(id));
}

/** The shared wording of the second-default-datasource finding, from server identities. */
export function secondDefaultMessage(
  id: ResourceIdentity,
  slot: DefaultDatasourceSlot,
  other: ResourceIdentity,
  otherAt: string,
): string {
  return duplicateDefaultMessage(toModel(id), slot, toModel(other), otherAt);
}

function toModel(id: ResourceIdentity): ModelIdentity {
  const kind = id.kind as PersesKind;
  return id.project === null
    ? { kind, name: id.name }
    : { kind, project: id.project, name: id.name };
}

export function validate(doc: unknown, ctx?: ValidateContext): Finding[] {
  return validateResource(doc, ctx);
}

export interface ConfigMapPlan {
  name: string;
  key: string;
  configMap: ConfigMapLike;
}

/** The ConfigMap the console writes for one resource: name, data key and label from the model. */
export function configMapFor(
  doc: unknown,
  text: string,
  format: DocFormat,
  namespace: string,
  label: { key: string; value?: string },
): ConfigMapPlan {
  // A selector on the key alone matches any value; new ConfigMaps still need one.
  const cm = resourceToConfigMap(doc as object, {
    namespace,
    label: { key: label.key, value: label.value ?? 'true' },
    format,
    text,
  });
  const key = Object.keys(cm.data ?? {})[0];
  if (!cm.metadata?.name || key === undefined)
    throw new Error('resource model produced no ConfigMap');
  return { name: cm.metadata.name, key, configMap: cm };
}

/** Data keys of a ConfigMap that hold at least one Perses resource (kind and name usable). */
export function resourceKeysOf(cm: {
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
}): Set<string> {
  const keys = resourcesFromConfigMap({ metadata: { name: '' }, ...cm })
    .filter((k) => k.resources.some((doc) => identityOf(doc) !== undefined))
    .map((k) => k.key);
  return new Set(keys);
}

/** The folder of a kind in a chart's files/ tree (its plural, as the Perses file database). */
export function folderOf(kind: string): string | null {
  return kindInfo(kind)?.plural ?? null;
}

export function isProjectScopedKind(kind: string): boolean {
  return kindInfo(kind)?.scope === 'project';
}
