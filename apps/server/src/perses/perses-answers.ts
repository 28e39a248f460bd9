// The shapes of what Perses v0.54.0 answers, parsed with zod at the edge: resources, health and
// the effective configuration (`GET /api/config`, snake_case as Perses writes it).
import { z } from 'zod';
import { durationMs } from '../domain/model.ts';
import { persesBadAnswer } from './perses-errors.ts';

/** A resource as Perses serves it; metadata-only lists carry an empty `spec`. */
export const PersesResource = z.looseObject({
  kind: z.string(),
  metadata: z.looseObject({
    name: z.string(),
    project: z.string().optional(),
    createdAt: z.string().optional(),
    updatedAt: z.string().optional(),
    version: z.number().optional(),
  }),
  spec: z.unknown(),
});
export type PersesResource = z.infer<typeof PersesResource>;

export const PersesHealth = z.object({
  version: z.string(),
  commit: z.string().optional(),
  buildTime: z.string().optional(),
  /** False while Perses cannot reach its database (it answers 503 then). */
  database: z.boolean(),
});
export type PersesHealth = z.infer<typeof PersesHealth>;

const duration = z.string().transform((text, ctx) => {
  const ms = durationMs(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `not a Perses duration: "${text}"` });
    return z.NEVER;
  }
  return { text, ms };
});

const ConfigBody = z.looseObject({
  api_prefix: z.string().optional(),
  security: z
    .looseObject({
      readonly: z.boolean().default(false),
      enable_auth: z.boolean().default(false),
    })
    .optional(),
  database: z
    .looseObject({
      file: z
        .looseObject({ folder: z.string(), case_sensitive: z.boolean().default(false) })
        .optional(),
      sql: z.looseObject({ case_sensitive: z.boolean().default(false) }).optional(),
    })
    .optional(),
  provisioning: z
    .looseObject({ folders: z.array(z.string()).optional(), interval: duration.optional() })
    .optional(),
});

/** What the console needs of Perses's configuration. */
export interface PersesConfig {
  apiPrefix: string;
  /** Provisioning runs only when it has folders; the interval is Perses's default (1h) if unset. */
  provisioning: { folders: string[]; interval: { text: string; ms: number } | null };
  /** Readonly: the write routes are gone (provisioning still writes). */
  security: { readonly: boolean; enableAuth: boolean };
  /** Names are lower-cased on store unless the database is case-sensitive. */
  database:
    | { type: 'file'; folder: string; caseSensitive: boolean }
    | { type: 'sql'; caseSensitive: boolean };
}

export const PersesConfig = ConfigBody.transform((c): PersesConfig => {
  const db = c.database;
  return {
    apiPrefix: c.api_prefix ?? '',
    provisioning: {
      folders: c.provisioning?.folders ?? [],
      interval: c.provisioning?.interval ?? null,
    },
    security: {
      readonly: c.security?.readonly ?? false,
      enableAuth: c.security?.enable_auth ?? false,
    },
    database: db?.sql
      ? { type: 'sql', caseSensitive: db.sql.case_sensitive }
      : {
          type: 'file',
          folder: db?.file?.folder ?? '',
          caseSensitive: db?.file?.case_sensitive ?? false,
        },
  };
});

export function jsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A 2xx body checked against its shape; anything else is an answer the client cannot read. */
export function readAnswer<S extends z.ZodType>(
  schema: S,
  text: string,
  what: string,
): z.output<S> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw persesBadAnswer(what, 'not JSON');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw persesBadAnswer(what, `${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
  }
  return parsed.data;
}
