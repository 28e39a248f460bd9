import { KINDS, NAME_PATTERN, resourceJsonSchema } from '@perses-cm/resources';
import { jsonDefaults } from './monaco.ts';

// The envelope every provisioned resource shares; Monaco marks violations as the user types.
const NAME = {
  type: 'string',
  minLength: 1,
  maxLength: 75,
  pattern: '^[a-zA-Z0-9_.-]+$',
  description: 'Perses name: letters, digits, "_", "." and "-" (1–75 bytes).',
};

export function resourceEnvelopeSchema(): object {
  const projectKinds = KINDS.filter((k) => k.scope === 'project').map((k) => k.kind);
  return {
    type: 'object',
    required: ['kind', 'metadata', 'spec'],
    properties: {
      kind: {
        enum: KINDS.map((k) => k.kind),
        description: 'Perses kind (exact case: provisioning refuses any other spelling).',
      },
      metadata: {
        type: 'object',
        required: ['name'],
        properties: { name: NAME, project: NAME },
      },
      spec: { type: 'object' },
    },
    if: { properties: { kind: { enum: projectKinds } } },
    then: {
      properties: { metadata: { required: ['name', 'project'] } },
    },
  };
}

let configured = false;

/** Registers the resource JSON Schema for every JSON model (all JSON models here are resources). */
export function configureJsonSchema() {
  if (configured) return;
  configured = true;
  jsonDefaults.setDiagnosticsOptions({
    validate: true,
    allowComments: false,
    enableSchemaRequest: false,
    schemas: [
      {
        uri: 'inmemory://perses-cm/schema/resource.json',
        fileMatch: ['*'],
        schema: editorSchema(),
      },
    ],
  });
}

/**
 * The resource model's schema (per kind, discriminated by `kind`), for one resource or a list of
 * them (Perses reads both); the envelope if it cannot be built. Name patterns are left to the
 * server's findings, which say the rule in words (the schema would show the raw regex as well).
 */
function editorSchema(): object {
  let one: Record<string, unknown>;
  try {
    // Monaco's JSON service validates without a $schema dialect marker; drop it so no warning shows.
    const { $schema: _dialect, ...schema } = resourceJsonSchema() as Record<string, unknown>;
    one = withoutNamePatterns(schema) as Record<string, unknown>;
  } catch (err) {
    console.warn('resource JSON Schema unavailable, using the envelope only', err);
    one = resourceEnvelopeSchema() as Record<string, unknown>;
  }
  // Definitions stay at the root, where the `$ref`s point.
  const { $defs, ...rules } = one;
  return {
    ...($defs ? { $defs } : {}),
    if: { type: 'array' },
    then: { type: 'array', items: rules },
    else: rules,
  };
}

function withoutNamePatterns(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutNamePatterns);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'pattern' && v === NAME_PATTERN.source) continue;
    out[k] = withoutNamePatterns(v);
  }
  return out;
}
