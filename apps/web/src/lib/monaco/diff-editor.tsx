import { useEffect, useRef, useState } from 'react';
import type { DocFormat } from '@perses-cm/api';
import { monaco } from './monaco.ts';
import { followSystemTheme } from './theme.ts';

interface Props {
  original: string;
  modified: string;
  format: DocFormat;
  label: string;
  /** One column with removed and added lines interleaved (for narrow panes). */
  inline?: boolean;
}

/**
 * Read-only side-by-side diff; unchanged regions are folded away (dashboards are long). The diff
 * is computed asynchronously: the region is `aria-busy` until Monaco has it.
 */
export function DiffEditor({ original, modified, format, label, inline = false }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState(true);
  useEffect(() => {
    if (!host.current) return;
    setBusy(true);
    followSystemTheme();
    const language = format === 'yaml' ? 'yaml' : 'json';
    const o = monaco.editor.createModel(original, language);
    const m = monaco.editor.createModel(modified, language);
    const diff = monaco.editor.createDiffEditor(host.current, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: !inline,
      useInlineViewWhenSpaceIsLimited: false,
      // Whitespace is part of the change: in YAML indentation is structure, and a Format that only
      // re-indents must not look like "no changes".
      ignoreTrimWhitespace: false,
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 3 },
      // A dashboard's JSON can sit on a few very long lines: wrap them so the change is visible.
      wordWrap: 'on',
      diffWordWrap: 'on',
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      fontSize: 12.5,
      renderOverviewRuler: false,
      ariaLabel: label,
    });
    const computed = diff.onDidUpdateDiff(() => setBusy(false));
    diff.setModel({ original: o, modified: m });
    return () => {
      computed.dispose();
      diff.dispose();
      o.dispose();
      m.dispose();
    };
  }, [original, modified, format, label, inline]);
  return (
    <div
      ref={host}
      className="diff-host"
      data-testid="diff-editor"
      aria-label={label}
      aria-busy={busy}
      role="region"
    />
  );
}
