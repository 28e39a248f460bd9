// The one table of Perses kinds: routes, lint, export and the ConfigMap mapping all read it,
// so a kind's plural, scope or API path is never spelled anywhere else.

export type Scope = 'project' | 'global';

/** Kinds that Perses provisioning accepts (v0.54.0 `internal/api/provisioning`). */
export const PERSES_KINDS = [
  'Project',
  'Dashboard',
  'Datasource',
  'GlobalDatasource',
  'Variable',
  'GlobalVariable',
  'Folder',
  'Secret',
  'GlobalSecret',
  'Role',
  'RoleBinding',
  'GlobalRole',
  'GlobalRoleBinding',
  'User',
] as const;

export type PersesKind = (typeof PERSES_KINDS)[number];

export interface KindInfo {
  kind: PersesKind;
  /** URL segment of the Perses API, and folder name for a chart export. */
  plural: string;
  scope: Scope;
  /** Perses has `POST /api/validate/<plural>` (v0.54.0 `internal/api/impl/validate`). */
  validate: boolean;
  /**
   * Lists honour `metadata_only=true` (kind, metadata and an empty spec). In v0.54.0 the
   * Datasource and GlobalDatasource queries ignore the parameter (their metadata lists are "not
   * implemented") and answer in full.
   */
  metadataOnly: boolean;
}

// Read from the v0.54.0 source; apps/server/src/perses/perses-kinds.int.test.ts checks the
// metadataOnly column against the real server.
const row = (
  kind: PersesKind,
  plural: string,
  scope: Scope,
  routes: { validate?: boolean; metadataOnly?: boolean } = {},
): KindInfo => ({
  kind,
  plural,
  scope,
  validate: routes.validate ?? false,
  metadataOnly: routes.metadataOnly ?? true,
});

export const KINDS: readonly KindInfo[] = [
  row('Project', 'projects', 'global'),
  row('Dashboard', 'dashboards', 'project', { validate: true }),
  row('Datasource', 'datasources', 'project', { validate: true, metadataOnly: false }),
  row('GlobalDatasource', 'globaldatasources', 'global', { validate: true, metadataOnly: false }),
  row('Variable', 'variables', 'project', { validate: true }),
  row('GlobalVariable', 'globalvariables', 'global', { validate: true }),
  row('Folder', 'folders', 'project'),
  row('Secret', 'secrets', 'project'),
  row('GlobalSecret', 'globalsecrets', 'global'),
  row('Role', 'roles', 'project'),
  row('RoleBinding', 'rolebindings', 'project'),
  row('GlobalRole', 'globalroles', 'global'),
  row('GlobalRoleBinding', 'globalrolebindings', 'global'),
  row('User', 'users', 'global'),
];

/**
 * Kinds Perses knows but provisioning refuses (it logs "not supported by the provisioning
 * service" and skips the resource), with the reason shown to users.
 */
export const NON_PROVISIONABLE_KINDS: Readonly<Record<string, string>> = {
  EphemeralDashboard:
    'EphemeralDashboard is not provisionable: Perses provisioning refuses it (it only exists through the API, with a TTL). Use a Dashboard instead',
};

const byKind = new Map<string, KindInfo>(KINDS.map((k) => [k.kind, k]));
const byLowerKind = new Map<string, string>(
  [...KINDS.map((k) => k.kind), ...Object.keys(NON_PROVISIONABLE_KINDS)].map((k) => [
    k.toLowerCase(),
    k,
  ]),
);

/** Exact-case lookup: Perses picks the Go struct by the exact `kind` string. */
export function kindInfo(kind: string): KindInfo | undefined {
  return byKind.get(kind);
}

/** The correctly spelled kind for a wrong-case one (`dashboard` → `Dashboard`), if any. */
export function kindWithCaseFixed(kind: string): string | undefined {
  const fixed = byLowerKind.get(kind.toLowerCase());
  return fixed !== undefined && fixed !== kind ? fixed : undefined;
}

export function isProjectScoped(kind: PersesKind): boolean {
  return byKind.get(kind)?.scope === 'project';
}

const API_PREFIX = '/api/v1';

/**
 * Path of a resource (or of a list when `name` is omitted) in the Perses HTTP API.
 * Project-scoped kinds without a project give the cross-project list path.
 */
export function persesApiPath(
  kind: PersesKind,
  project: string | undefined,
  name?: string,
): string {
  const info = byKind.get(kind);
  if (!info) throw new Error(`unknown Perses kind "${kind}"`);
  const tail = name === undefined ? '' : `/${encodeURIComponent(name)}`;
  if (info.scope === 'global') return `${API_PREFIX}/${info.plural}${tail}`;
  if (project === undefined || project === '') {
    if (name !== undefined) throw new Error(`${kind} "${name}" needs a project to build its path`);
    return `${API_PREFIX}/${info.plural}`;
  }
  return `${API_PREFIX}/projects/${encodeURIComponent(project)}/${info.plural}${tail}`;
}

/** Path of Perses's validation route for a kind, or undefined when it has none. */
export function persesValidatePath(kind: string): string | undefined {
  const info = byKind.get(kind);
  return info?.validate ? `/api/validate/${info.plural}` : undefined;
}
