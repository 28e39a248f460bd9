import { useEffect, useRef, useState, type RefObject } from 'react';
import { gridItemEdit, type GridBox, type LayoutItem } from '@perses-cm/resources';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import { nudgedBox } from './perses-grid.ts';
import { isModel, type PreviewModel, type ReadResult } from './use-preview-model.ts';

export interface ArrangeMessage {
  tone: 'info' | 'error';
  text: string;
}

/**
 * Moving and resizing layout items: each change is written into the editor as one undoable edit
 * of that item's x/y/width/height, computed against the exact text the editor holds.
 */
export function useArrange(options: {
  editor: RefObject<CodeEditorHandle | null>;
  text: string;
  read: (text: string) => ReadResult;
}) {
  const { editor, read } = options;
  const [message, setMessage] = useState<ArrangeMessage | null>(null);
  // Bumped when a drop is refused, so the grid forgets the dragged position.
  const [revision, setRevision] = useState(0);
  // The text after our own last edit counts before React re-renders (fast key repeats).
  const latest = useRef(options.text);
  useEffect(() => {
    latest.current = options.text;
  }, [options.text]);

  const refuse = (text: string) => {
    setMessage({ tone: 'error', text });
    setRevision((r) => r + 1);
  };

  /** The item as the editor's text has it now, or why it cannot be arranged. */
  const locate = (id: string): { model: PreviewModel; item: LayoutItem } | string => {
    const model = read(latest.current);
    if (!isModel(model)) return `Not moved: ${model.problem}. Fix the text first.`;
    const item = model.layout.sections.flatMap((s) => s.items).find((i) => i.id === id);
    return item ? { model, item } : 'Not moved: that item is no longer in the text.';
  };

  const move = (id: string, next: GridBox) => {
    const found = locate(id);
    if (typeof found === 'string') return refuse(found);
    const { model, item } = found;
    const result = gridItemEdit({ text: model.text, parsed: model.parsed }, item, next);
    if (!result.ok) return refuse(`Not moved: ${result.error}.`);
    if (result.edits.length === 0) return;
    if (!editor.current?.applyEdits(result.edits, model.text))
      return refuse('Not moved: the editor is read-only or its text changed meanwhile.');
    latest.current = result.text;
    read(result.text);
    const panel = model.layout.panels.find((p) => p.key === item.panelKey);
    setMessage({
      tone: 'info',
      text: `Moved "${panel?.name ?? item.ref}" to x ${next.x}, y ${next.y}, ${next.width} × ${next.height}. Ctrl+Z in the editor undoes it.`,
    });
  };

  /** Keyboard arrangement: one step from where Perses draws the item now. */
  const nudge = (id: string, delta: Partial<GridBox>) => {
    const found = locate(id);
    if (typeof found === 'string') return refuse(found);
    const { model, item } = found;
    const section = model.layout.sections[item.layoutIndex];
    const next = section && nudgedBox(section, id, delta);
    if (next) return move(id, next);
    setMessage({ tone: 'info', text: 'It cannot go further that way.' });
  };

  return { move, nudge, message, revision };
}
