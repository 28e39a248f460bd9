import type { DocFormat } from '@perses-cm/api';
import { parseText, serializeResource } from '@perses-cm/resources';
import { showToast } from '../../../lib/toast-store.ts';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';

/** JSON: Monaco's formatter. YAML: parse and re-serialise (Monaco has no YAML formatter). */
export async function formatText(editor: CodeEditorHandle | null, text: string, format: DocFormat) {
  if (!editor) return;
  if (format === 'json') return editor.format();
  const parsed = parseText(text, { format: 'yaml' });
  const doc = parsed.documents[0];
  if (
    parsed.findings.some((f) => f.severity === 'error') ||
    typeof doc !== 'object' ||
    doc === null
  ) {
    showToast({ tone: 'error', title: 'Cannot format', message: 'Fix the YAML errors first.' });
    return;
  }
  editor.replaceText(serializeResource(doc, 'yaml'));
}
