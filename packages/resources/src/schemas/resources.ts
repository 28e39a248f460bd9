// One zod schema per provisionable kind: the `{kind, metadata, spec}` envelope with the scope's
// metadata and the kind's spec. Used for validation and for the editor's JSON Schema.

import { z } from 'zod';
import type { PersesKind } from '../kinds.ts';
import {
  datasourceSpec,
  display,
  globalMetadata,
  projectMetadata,
  variableSpec,
} from './common.ts';
import { dashboardSpec } from './dashboard.ts';

/** A pattern matching the words in any case, spelled out: JSON Schema patterns have no /i flag. */
function anyCase(...words: string[]): RegExp {
  const spell = (w: string) => [...w].map((c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).join('');
  return new RegExp(`^(${words.map(spell).join('|')})$`);
}

interface FolderItem {
  kind: string;
  name: string;
  items?: FolderItem[];
}

// Perses normalises the case of folder item kinds (its Kind type is case-insensitive there).
const folderItem: z.ZodType<FolderItem> = z.looseObject({
  kind: z
    .string()
    .regex(anyCase('Dashboard', 'Folder'), { error: 'must be "Dashboard" or "Folder"' }),
  name: z.string().min(1),
  get items() {
    return z.array(folderItem).optional();
  },
});

const secretSpec = z.looseObject({
  basicAuth: z
    .looseObject({
      username: z.string().optional(),
      password: z.string().optional(),
      passwordFile: z.string().optional(),
    })
    .optional(),
  authorization: z
    .looseObject({
      type: z.string().optional(),
      credentials: z.string().optional(),
      credentialsFile: z.string().optional(),
    })
    .optional(),
  oauth: z.looseObject({}).optional(),
  tlsConfig: z.looseObject({}).optional(),
});

const roleSpec = z.looseObject({
  permissions: z.array(
    z.looseObject({ actions: z.array(z.string()), scopes: z.array(z.string()) }),
  ),
});

const roleBindingSpec = z.looseObject({
  role: z.string().min(1),
  subjects: z.array(
    z.looseObject({
      kind: z.string().regex(anyCase('User'), { error: 'must be "User"' }),
      name: z.string().min(1),
    }),
  ),
});

const userSpec = z.looseObject({
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  nativeProvider: z.looseObject({ password: z.string().optional() }).optional(),
  oauthProviders: z
    .array(
      z.looseObject({
        issuer: z.string().optional(),
        email: z.string().optional(),
        subject: z.string().optional(),
      }),
    )
    .optional(),
});

function envelope<K extends PersesKind>(
  kind: K,
  metadata: typeof globalMetadata | typeof projectMetadata,
  spec: z.ZodType,
  specRequired = true,
) {
  return z.looseObject({
    kind: z.literal(kind),
    metadata,
    spec: specRequired ? spec : spec.optional(),
  });
}

export const RESOURCE_SCHEMAS = {
  Project: envelope(
    'Project',
    globalMetadata,
    z.looseObject({ display: display.optional() }),
    false,
  ),
  Dashboard: envelope('Dashboard', projectMetadata, dashboardSpec),
  Datasource: envelope('Datasource', projectMetadata, datasourceSpec),
  GlobalDatasource: envelope('GlobalDatasource', globalMetadata, datasourceSpec),
  Variable: envelope('Variable', projectMetadata, variableSpec),
  GlobalVariable: envelope('GlobalVariable', globalMetadata, variableSpec),
  Folder: envelope(
    'Folder',
    projectMetadata,
    z.looseObject({
      display: z.looseObject({ name: z.string().optional() }).optional(),
      items: z.array(folderItem).optional(),
    }),
    false,
  ),
  Secret: envelope('Secret', projectMetadata, secretSpec, false),
  GlobalSecret: envelope('GlobalSecret', globalMetadata, secretSpec, false),
  Role: envelope('Role', projectMetadata, roleSpec),
  RoleBinding: envelope('RoleBinding', projectMetadata, roleBindingSpec),
  GlobalRole: envelope('GlobalRole', globalMetadata, roleSpec),
  GlobalRoleBinding: envelope('GlobalRoleBinding', globalMetadata, roleBindingSpec),
  User: envelope('User', globalMetadata, userSpec),
} satisfies Record<PersesKind, z.ZodType>;

export const resourceSchema = z.discriminatedUnion(
  'kind',
  Object.values(RESOURCE_SCHEMAS) as [
    (typeof RESOURCE_SCHEMAS)[PersesKind],
    ...(typeof RESOURCE_SCHEMAS)[PersesKind][],
  ],
);
