// Perses keeps one `spec.default: true` datasource per plugin kind and scope (a project for
// Datasource, global for GlobalDatasource); cross-rules.ts reports a second one.
import { identityOf } from './identity.ts';
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
