// @perses-cm/resources: the Perses resource model shared by the server, the web console and the
// CLI. Pure functions over plain data; no I/O (the callers read files and talk to Kubernetes).

export * from './kinds.ts';
export * from './findings.ts';
export * from './names.ts';
export * from './doc-format.ts';
export { parseText, type ParsedText, type ParseOptions } from './parse.ts';
export { MAX_DEPTH, MAX_YAML_ALIASES, type Position, type Span } from './parse-limits.ts';
export * from './layout/index.ts';
export { resourceItems, type ResourceItem } from './resource-items.ts';
export * from './identity.ts';
export * from './configmap-names.ts';
export * from './configmap.ts';
export * from './configmap-owner.ts';
export * from './sidecar.ts';
export * from './served-content.ts';
export * from './chart-layout.ts';
export { formatYamlText, serializeResource, toYamlText } from './serialize.ts';
export * from './chart-generator-template.ts';
export * from './chart-skeleton.ts';
export { utf8Length } from './bytes.ts';
export { persesMessageText, persesProblems, type PersesProblem } from './perses-verdict.ts';
export { validateResource, type ValidateContext } from './validate.ts';
export { RESOURCE_SCHEMAS, resourceSchema } from './schemas/resources.ts';
export { DURATION_PATTERN, NAME_PATTERN } from './schemas/common.ts';
export { durationMs } from './duration.ts';
export { jsonSchemaFor, resourceJsonSchema } from './schemas/json-schema.ts';
/**
 * Lint input, one entry per thing the pipeline reads:
 * - `{source: 'file', path, text, chartPath?, docsTemplate?}`: a resource file, or a Kubernetes
 *   manifest (YAML or JSON with `kind: ConfigMap` documents or a `kind: List` of them, expanded
 *   into ConfigMaps). `chartPath` (`files/...`, see chartPathOf) marks a file a Helm chart turns
 *   into a ConfigMap; `docsTemplate`, one the chart docs' generator template turns into one.
 * - `{source: 'configmap', path, configMap, position?, keyPositions?}`: a ConfigMap from the
 *   cluster or a manifest; `path` is what findings show (a file, or e.g. `cluster:ns/name`).
 * lintResources returns every finding, sorted by path and position.
 */
export { lintResources } from './lint.ts';
export * from './default-datasource.ts';
export * from './cross-rules.ts';
export * from './neighbourhood.ts';
export type { LintEntry, LintOptions, FileEntry } from './lint-entries.ts';
export type { ConfigMapEntry, KeyPosition } from './manifest.ts';
export { headSummary, type HeadSummary } from './head-summary.ts';
