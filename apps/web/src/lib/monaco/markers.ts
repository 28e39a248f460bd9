import type { Finding } from '@perses-cm/api';
import { monaco } from './monaco.ts';

export const FINDINGS_OWNER = 'perses-cm';

/** Server findings → Monaco markers; a finding without a position marks the first line. */
export function setFindingMarkers(model: monaco.editor.ITextModel, findings: Finding[]) {
  const markers = findings.map((f) => {
    const line = Math.min(Math.max(1, f.line ?? 1), model.getLineCount());
    const col = Math.max(1, f.column ?? 1);
    const endCol = f.line ? model.getLineMaxColumn(line) : col + 1;
    return {
      severity:
        f.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message: f.field ? `${f.message} (${f.field})` : f.message,
      source: f.rule,
      startLineNumber: line,
      startColumn: col,
      endLineNumber: line,
      endColumn: Math.max(endCol, col + 1),
    };
  });
  monaco.editor.setModelMarkers(model, FINDINGS_OWNER, markers);
}

export interface MarkerSummary {
  errors: number;
  warnings: number;
  list: {
    line: number;
    column: number;
    message: string;
    severity: 'error' | 'warning';
    source: string;
  }[];
}

export function summarizeMarkers(model: monaco.editor.ITextModel): MarkerSummary {
  const all = monaco.editor.getModelMarkers({ resource: model.uri });
  const list = all
    .filter((m) => m.severity >= monaco.MarkerSeverity.Warning)
    .map((m) => ({
      line: m.startLineNumber,
      column: m.startColumn,
      message: m.message,
      severity:
        m.severity === monaco.MarkerSeverity.Error ? ('error' as const) : ('warning' as const),
      source: m.source ?? m.owner,
    }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
  return {
    errors: list.filter((m) => m.severity === 'error').length,
    warnings: list.filter((m) => m.severity === 'warning').length,
    list,
  };
}
