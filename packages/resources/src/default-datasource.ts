// Perses keeps one `spec.default: true` datasource per plugin kind and scope (a project for
// Datasource, global for GlobalDatasource). Shared by the lint and the server's live index, so
// both find the same clashes and say it in the same words.
import { describeIdentity, identityOf, type ResourceIdentity } from './identity.ts';
import { isRecord } from './resource-items.ts';

export interface DefaultDatasourceSlot {
  /** Equal for two defaults that clash: the scope (project lower-cased) and the plugin kind. */
  key: string;
  /** `global` or `project "<name>"`, for messages. */
  scope: string;
  pluginKind: string;
}

/** The slot a default datasource claims; null for anything else (including `default: false`). */
export function defaultDatasourceSlot(doc: unknown): DefaultDatasourceSlot | null {
  const id = identityOf(doc);
  if (!id || (id.kind !== 'Datasource' && id.kind !== 'GlobalDatasource')) return null;
  const spec = (doc as Record<string, unknown>).spec;
  if (!isRecord(spec) || spec.default !== true || !isRecord(spec.plugin)) return null;
  const pluginKind = String(spec.plugin.kind);
  const scope = id.kind === 'GlobalDatasource' ? 'global' : `project "${id.project ?? ''}"`;
  return { key: `${scope.toLowerCase()}|${pluginKind}`, scope, pluginKind };
}

export const DUPLICATE_DEFAULT_RULE = 'duplicate-default-datasource';

/** The finding's message for `id`, which claims `slot` that `other` (seen at `otherAt`) holds too. */
export function duplicateDefaultMessage(
  id: ResourceIdentity,
  slot: DefaultDatasourceSlot,
  other: ResourceIdentity,
  otherAt: string,
): string {
  return `${describeIdentity(id)} is a second default ${slot.pluginKind} datasource in the ${slot.scope} scope (${describeIdentity(other)} at ${otherAt} is one already): Perses refuses it; set default: false on one`;
}
