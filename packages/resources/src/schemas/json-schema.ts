// JSON Schema for the editor (Monaco), generated from the zod schemas so the two never drift.

import { z } from 'zod';
import type { PersesKind } from '../kinds.ts';
import { RESOURCE_SCHEMAS, resourceSchema } from './resources.ts';

function toSchema(schema: z.ZodType): object {
  // `input`: what a user writes (optional fields stay optional); unknown specs become `{}`.
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
}

export function jsonSchemaFor(kind: PersesKind): object {
  return toSchema(RESOURCE_SCHEMAS[kind]);
}

/** One schema for any provisionable resource, discriminated by `kind`. */
export function resourceJsonSchema(): object {
  return toSchema(resourceSchema);
}
