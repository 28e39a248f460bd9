// Building blocks shared by the per-kind schemas. Objects are loose everywhere: Perses decodes with
// Go's encoding/json (and yaml.v3), which ignores unknown fields, and plugins own their specs.
// Validation never rewrites the document: callers use the issues, not zod's output.

import { z } from 'zod';

/** Perses name rule as a pattern, for the editor; lint gives a more precise message. */
export const NAME_PATTERN = /^(?!\.)(?!.*\.\.)(?!.*\.$)[a-zA-Z0-9_.-]{1,75}$/;

export const name = z.string().regex(NAME_PATTERN, {
  error: 'must be 1-75 letters, digits, "_", "." or "-", without ".." or a leading/trailing "."',
});

/**
 * Perses durations: units y, w, d, h, m, s, ms, biggest first, each at most once, or "0".
 * The empty string is accepted: it means "the default".
 */
export const DURATION_PATTERN =
  /^(0|([0-9]+y)?([0-9]+w)?([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?)$/;

export const duration = z.string().regex(DURATION_PATTERN, {
  error:
    'must be a Perses duration such as "1h", "30m", "1d12h" or "0" (units y w d h m s ms, biggest first)',
});

export const display = z.looseObject({
  name: z.string().optional(),
  description: z.string().optional(),
});

/** A plugin reference: `kind` names the plugin, `spec` belongs to the plugin and passes through. */
export const plugin = z.looseObject({
  kind: z.string().min(1, { error: 'plugin kind must not be empty' }),
  metadata: z
    .looseObject({ version: z.string().optional(), registry: z.string().optional() })
    .optional(),
  spec: z.unknown(),
});

export const metadataFields = {
  name,
  createdAt: z.string().optional(),
  updatedAt: z.string().optional(),
  version: z.number().int().nonnegative().optional(),
  tags: z.array(z.string()).max(20).optional(),
};

export const globalMetadata = z.looseObject(metadataFields);
export const projectMetadata = z.looseObject({ ...metadataFields, project: name });

export const variableDisplay = z.looseObject({
  name: z.string().optional(),
  description: z.string().optional(),
  hidden: z.boolean().optional(),
});

const SORTS = [
  'none',
  'alphabetical-asc',
  'alphabetical-desc',
  'numerical-asc',
  'numerical-desc',
  'alphabetical-ci-asc',
  'alphabetical-ci-desc',
] as const;

export const listVariableFields = {
  display: variableDisplay.optional(),
  defaultValue: z.union([z.string(), z.array(z.string())]).optional(),
  allowAllValue: z.boolean().optional(),
  allowMultiple: z.boolean().optional(),
  customAllValue: z.string().optional(),
  capturingRegexp: z.string().optional(),
  sort: z.enum(SORTS).optional(),
  plugin,
};

export const textVariableFields = {
  display: variableDisplay.optional(),
  value: z.string().optional(),
  constant: z.boolean().optional(),
};

/** Spec of a project Variable / GlobalVariable: `{kind, spec}` without a name inside. */
export const variableSpec = z.discriminatedUnion('kind', [
  z.looseObject({ kind: z.literal('TextVariable'), spec: z.looseObject(textVariableFields) }),
  z.looseObject({ kind: z.literal('ListVariable'), spec: z.looseObject(listVariableFields) }),
]);

export const datasourceSpec = z.looseObject({
  display: display.optional(),
  default: z.boolean().optional(),
  plugin,
});
