// Where the create page's document will be stored, computed by the resource model exactly as the
// server will: a ConfigMap name and data key, or a file of the chart's files/ tree.
import { chartFilePath, configMapNameFor, dataKeyFor, identityOf } from '@perses-cm/resources';

export type PlannedPlace =
  | { type: 'configmap'; namespace: string; configMapName: string | null; key: string | null }
  /** `problem`: why the names cannot make a file path (the server refuses the same way). */
  | { type: 'file'; path: string | null; problem: string | null };

export function plannedPlace(text: string, directory: boolean, namespace: string): PlannedPlace {
  const id = identityOf(parseOrNull(text));
  if (directory) {
    const file = id ? chartFilePath(id, 'json') : null;
    return {
      type: 'file',
      path: file?.ok ? file.path : null,
      problem: file && !file.ok ? file.problem.message : null,
    };
  }
  return {
    type: 'configmap',
    namespace,
    configMapName: id ? configMapNameFor(id) : null,
    key: id ? dataKeyFor(id, 'json') : null,
  };
}

function parseOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
