import { useEffect, useState, type RefObject } from 'react';
import { targetAt, type LayoutTarget } from '@perses-cm/resources';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import type { PreviewModel } from './use-preview-model.ts';

const same = (a?: LayoutTarget, b?: LayoutTarget) =>
  a?.type === b?.type &&
  (a?.type === 'item' ? a.id === (b as typeof a).id : a?.key === (b as typeof a)?.key);

/**
 * The panel or layout item under the editor's cursor. Located in the drawn model only when it is
 * the text being edited: a cursor moved by typing waits for the redraw instead of a fresh parse.
 */
export function useCursorTarget(
  editor: RefObject<CodeEditorHandle | null>,
  drawn: PreviewModel | null,
  text: string,
): LayoutTarget | undefined {
  const [offset, setOffset] = useState<number | null>(null);
  const [target, setTarget] = useState<LayoutTarget | undefined>();

  useEffect(() => editor.current?.onCursorChange(setOffset), [editor]);

  useEffect(() => {
    if (offset === null || !drawn || drawn.text !== text) return;
    const next = targetAt(drawn.parsed, drawn.layout, offset);
    setTarget((prev) => (same(prev, next) ? prev : next));
  }, [offset, drawn, text]);

  return target;
}
