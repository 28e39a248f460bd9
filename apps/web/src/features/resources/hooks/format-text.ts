import type { DocFormat } from '@perses-cm/api';
import { formatYamlText } from '@perses-cm/resources';
import { showToast } from '../../../lib/toast-store.ts';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';

/** JSON: Monaco's formatter. YAML: the resource model's YAML writer (Monaco has no YAML formatter). */
export async function formatText(editor: CodeEditorHandle | null, text: string, format: DocFormat) {
  if (!editor) return;
  if (format === 'json') return editor.format();
  const formatted = formatYamlText(text);
  if (formatted === undefined) {
    showToast({ tone: 'error', title: 'Cannot format', message: 'Fix the YAML errors first.' });
    return;
  }
  editor.replaceText(formatted);
}
