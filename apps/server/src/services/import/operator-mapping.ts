// perses-operator custom resources as the Perses resources the operator would create from them
// (perses/perses-operator, api/v1alpha1 and api/v1alpha2, controllers/*): the Perses name is
// the CR's name, the project its namespace, and the Perses spec is `spec` (v1alpha1
// PersesDashboard) or `spec.config` (every other kind and version). Operator-only fields
// (`client`, `instanceSelector`) have no place in a Perses resource: they are named in notes.

export const OPERATOR_GROUP = 'perses.dev';

type Mapped =
  { ok: true; document: Record<string, unknown>; notes: string[] } | { ok: false; reason: string };

interface KindMapping {
  perses: 'Dashboard' | 'Datasource' | 'GlobalDatasource';
  /** `spec` for v1alpha1 PersesDashboard, `spec.config` otherwise. */
  specAt: 'spec' | 'spec.config';
  scope: 'project' | 'global';
}

const MAPPINGS: Record<string, Record<string, KindMapping>> = {
  v1alpha1: {
    PersesDashboard: { perses: 'Dashboard', specAt: 'spec', scope: 'project' },
    PersesDatasource: { perses: 'Datasource', specAt: 'spec.config', scope: 'project' },
  },
  v1alpha2: {
    PersesDashboard: { perses: 'Dashboard', specAt: 'spec.config', scope: 'project' },
    PersesDatasource: { perses: 'Datasource', specAt: 'spec.config', scope: 'project' },
    PersesGlobalDatasource: { perses: 'GlobalDatasource', specAt: 'spec.config', scope: 'global' },
  },
};

/** The kinds the operator serves that hold a Perses resource (for listing them in a cluster). */
export const OPERATOR_KINDS = [
  { kind: 'PersesDashboard', plural: 'persesdashboards', namespaced: true },
  { kind: 'PersesDatasource', plural: 'persesdatasources', namespaced: true },
  { kind: 'PersesGlobalDatasource', plural: 'persesglobaldatasources', namespaced: false },
] as const;

const OPERATOR_ONLY_FIELDS: Record<string, string> = {
  client:
    'spec.client (the TLS, basic auth or OAuth the operator turns into a Perses Secret) is not imported: create that Secret separately',
  instanceSelector:
    'spec.instanceSelector (which Perses instances the operator writes to) has no meaning in a ConfigMap and is not imported',
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a document is a perses-operator custom resource (`apiVersion: perses.dev/...`). */
export function isOperatorResource(doc: unknown): boolean {
  return (
    isRecord(doc) &&
    typeof doc.apiVersion === 'string' &&
    doc.apiVersion.startsWith(`${OPERATOR_GROUP}/`)
  );
}

/** A CR as `Kind namespace/name (apiVersion)`, for origins and messages. */
export function describeCr(doc: Record<string, unknown>): string {
  const m = isRecord(doc.metadata) ? doc.metadata : {};
  const ns = typeof m.namespace === 'string' ? `${m.namespace}/` : '';
  return `${String(doc.kind)} ${ns}${String(m.name ?? '?')} (${String(doc.apiVersion)})`;
}

/**
 * The Perses resource of a CR. `project` replaces the namespace as the project; a
 * project-scoped CR with neither is refused.
 */
export function mapOperatorResource(doc: unknown, project?: string): Mapped {
  if (!isRecord(doc)) return { ok: false, reason: 'not an object' };
  const version = String(doc.apiVersion).slice(OPERATOR_GROUP.length + 1);
  const kind = String(doc.kind);
  if (kind === 'Perses')
    return { ok: false, reason: 'a Perses server instance of the operator, not a Perses resource' };
  const mapping = MAPPINGS[version]?.[kind];
  if (!mapping)
    return {
      ok: false,
      reason: `${kind} in ${doc.apiVersion as string} is not a perses-operator resource this console maps (PersesDashboard and PersesDatasource in v1alpha1 and v1alpha2, PersesGlobalDatasource in v1alpha2)`,
    };
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const name = metadata.name;
  if (typeof name !== 'string' || name === '')
    return { ok: false, reason: 'the custom resource has no metadata.name' };
  const spec = isRecord(doc.spec) ? doc.spec : {};
  const persesSpec = mapping.specAt === 'spec' ? spec : spec.config;
  if (!isRecord(persesSpec))
    return { ok: false, reason: `the custom resource has no ${mapping.specAt} object` };
  const notes = Object.entries(OPERATOR_ONLY_FIELDS)
    .filter(([field]) => mapping.specAt === 'spec.config' && spec[field] !== undefined)
    .map(([, note]) => note);
  if (mapping.scope === 'global')
    return {
      ok: true,
      document: { kind: mapping.perses, metadata: { name }, spec: persesSpec },
      notes,
    };
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : undefined;
  const target = project ?? namespace;
  if (!target)
    return {
      ok: false,
      reason:
        'the custom resource has no metadata.namespace, which the operator uses as the project: pick a project',
    };
  return {
    ok: true,
    document: { kind: mapping.perses, metadata: { name, project: target }, spec: persesSpec },
    notes,
  };
}

/** The items of a Kubernetes list (`List`, `PersesDashboardList`...), else the document itself. */
export function expandKubeList(doc: unknown): unknown[] {
  const list = isRecord(doc) && typeof doc.kind === 'string' && doc.kind.endsWith('List');
  if (list && Array.isArray(doc.items)) return doc.items;
  return [doc];
}
