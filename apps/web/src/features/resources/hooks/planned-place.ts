// Where the create page's document will be stored, computed by the resource model exactly as the
// server will: a ConfigMap name and data key, or a file of the chart's files/ tree.
import type { DocFormat } from '@perses-cm/api';
import {
  chartFilePath,
  configMapNameFor,
  dataKeyFor,
  identityOf,
  parseText,
  type ResourceIdentity,
} from '@perses-cm/resources';

export type PlannedPlace =
  | { type: 'configmap'; namespace: string; configMapName: string | null; key: string | null }
  /** `problem`: why the names cannot make a file path (the server refuses the same way). */
  | { type: 'file'; path: string | null; problem: string | null };

/** The identity of the text's document, when it parses and has a usable kind and name. */
export function identityOfText(
  text: string,
  format: DocFormat = 'json',
): ResourceIdentity | undefined {
  const parsed = parseText(text, { format });
  if (parsed.findings.some((f) => f.severity === 'error')) return undefined;
  return identityOf(parsed.documents[0]);
}

export function plannedPlace(
  text: string,
  directory: boolean,
  namespace: string,
  format: DocFormat = 'json',
  /** A ConfigMap name the user chose instead of the derived one. */
  chosenName?: string,
): PlannedPlace {
  const id = identityOfText(text, format);
  if (directory) {
    const file = id ? chartFilePath(id, format) : null;
    return {
      type: 'file',
      path: file?.ok ? file.path : null,
      problem: file && !file.ok ? file.problem.message : null,
    };
  }
  return {
    type: 'configmap',
    namespace,
    configMapName: id ? chosenName || configMapNameFor(id) : null,
    key: id ? dataKeyFor(id, format) : null,
  };
}
