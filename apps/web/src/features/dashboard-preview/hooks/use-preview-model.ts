import { useCallback, useEffect, useRef, useState } from 'react';
import type { DocFormat } from '@perses-cm/api';
import {
  dashboardLayoutOf,
  parseText,
  type DashboardLayout,
  type ParsedText,
} from '@perses-cm/resources';

/** A text that reads as a dashboard, with its parse (for positions) and its layout. */
export interface PreviewModel {
  text: string;
  parsed: ParsedText;
  layout: DashboardLayout;
}

export type ReadResult = PreviewModel | { text: string; problem: string };

export const isModel = (r: ReadResult): r is PreviewModel => 'layout' in r;

// Long enough to skip most keystrokes, short enough that the drawing keeps up with the typing.
const DEBOUNCE_MS = 250;

function readText(text: string, format: DocFormat): ReadResult {
  const parsed = parseText(text, { format });
  const error = parsed.findings.find((f) => f.severity === 'error');
  if (error)
    return { text, problem: `${error.line ? `line ${error.line}: ` : ''}${error.message}` };
  const layout = dashboardLayoutOf(parsed);
  return layout ? { text, parsed, layout } : { text, problem: 'the text holds no Dashboard' };
}

/**
 * The dashboard to draw for the text being edited, after a short pause in typing. While the text
 * does not read as a dashboard, the last one that did stays drawn and `problem` says why.
 * `read` gives the model of an exact text on demand (one cached parse), for clicks and drops.
 */
export function usePreviewModel(text: string, format: DocFormat) {
  const cache = useRef<ReadResult | null>(null);
  const read = useCallback(
    (t: string): ReadResult => {
      if (cache.current?.text !== t) cache.current = readText(t, format);
      return cache.current;
    },
    [format],
  );
  const [state, setState] = useState<{ drawn: PreviewModel | null; problem: string | null }>(() => {
    const first = read(text);
    return isModel(first)
      ? { drawn: first, problem: null }
      : { drawn: null, problem: first.problem };
  });

  useEffect(() => {
    if (state.drawn?.text === text) {
      if (state.problem !== null) setState((s) => ({ ...s, problem: null }));
      return;
    }
    // A text already read (an arrangement just written) is drawn at once.
    const delay = cache.current?.text === text ? 0 : DEBOUNCE_MS;
    const timer = window.setTimeout(() => {
      const r = read(text);
      setState((s) => (isModel(r) ? { drawn: r, problem: null } : { ...s, problem: r.problem }));
    }, delay);
    return () => window.clearTimeout(timer);
  }, [text, read, state.drawn, state.problem]);

  return { drawn: state.drawn, problem: state.problem, read };
}
