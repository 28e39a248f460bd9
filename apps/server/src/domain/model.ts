// The server's single seam onto the resource model (@perses-cm/resources): parsing, identity,
// validation and the ConfigMap mapping. Everything else in the server calls these helpers.
import {
  identityOf,
  kindInfo,
  MAX_DEPTH,
  parseText,
  resourceItems,
  resourcesFromConfigMap,
  resourceToConfigMap,
  validateResource,
  type ConfigMapLike,
  type DocFormat,
  type Finding,
  type ParsedText,
  type ResourceIdentity,
  type ValidateContext,
} from '@perses-cm/resources';

export {
  CHART_FILES_DIR,
  configMapManifest,
  configMapNameFor,
  dataKeyFor,
  serializeResource,
  configMapOwner,
  utf8Length,
  CONFIGMAP_MAX_BYTES,
  chartFilePath,
  configMapSizeBytes,
  crossFindings,
  headSummary,
  describeLocation,
  kindWithCaseFixed,
  persesProblems,
  standaloneFindings as singleResourceFindings,
  identityKey,
  isProvisionedFile,
  kindInfo,
  neighbourKeys,
  placementOf,
  sidecarFilePath,
  sizeProblem,
  type NeighbourKeys,
  type Placement,
  type ResourceIdentity,
} from '@perses-cm/resources';
/** The kinds table's Perses paths and wording, for the Perses client (no path is spelled twice). */
export {
  describeIdentity,
  durationMs,
  persesApiPath,
  persesValidatePath,
  type PersesKind,
} from '@perses-cm/resources';
/** What Perses serves compared with a file, and the kinds table, for the provisioning status. */
export {
  CHART_SIDECAR,
  SIDECAR_FOLDER_ANNOTATION,
  type SidecarSettings,
  KINDS,
  compareServed,
  redactedPaths,
  servedForFile,
  type ServedComparison,
} from '@perses-cm/resources';

export interface Parsed {
  format: DocFormat;
  /** One per resource object: a top-level list or several YAML documents give several. */
  documents: unknown[];
  /** Where each document sits, so validation findings get line and column. */
  contexts: ValidateContext[];
  findings: Finding[];
  /** Offsets of the value at a pointer (e.g. one item of a list), computed on demand. */
  span: ParsedText['span'];
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
    span: result.span,
  };
}

export function identity(doc: unknown): ResourceIdentity | null {
  return identityOf(doc) ?? null;
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

export function isProjectScopedKind(kind: string): boolean {
  return kindInfo(kind)?.scope === 'project';
}
