import { useEffect, useRef, useState, type RefObject } from 'react';
import { gridItemEdit, type GridBox, type LayoutItem } from '@perses-cm/resources';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import { landing, placement, type Drawing } from './perses-grid.ts';
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

  /** Writes what it takes for Perses to draw the section as `wanted` (a drop, a key press). */
  const move = (id: string, wanted: Drawing) => {
    const found = locate(id);
    if (typeof found === 'string') return refuse(found);
    const { model, item } = found;
    const section = model.layout.sections[item.layoutIndex];
    const next = section && placement(section, id, wanted);
    if (!next)
      return refuse(
        'Not moved: Perses would still draw a panel written before this one in its place. Move that panel instead.',
      );
    const result = gridItemEdit({ text: model.text, parsed: model.parsed }, item, next);
    if (!result.ok) return refuse(`Not moved: ${result.error}.`);
    if (result.edits.length === 0) return setMessage(null);
    if (!editor.current?.applyEdits(result.edits, model.text))
      return refuse('Not moved: the editor is read-only or its text changed meanwhile.');
    latest.current = result.text;
    read(result.text);
    const panel = model.layout.panels.find((p) => p.key === item.panelKey);
    const drawn = wanted.get(id);
    setMessage({
      tone: 'info',
      text: `Moved "${panel?.name ?? item.ref}" to x ${next.x}, y ${next.y}, ${next.width} × ${next.height}${drawn && drawn.y !== next.y ? ` (drawn at row ${drawn.y})` : ''}. Ctrl+Z in the editor undoes it.`,
    });
  };

  /** Keyboard arrangement: one step from where Perses draws the item now. */
  const nudge = (id: string, delta: Partial<GridBox>) => {
    const found = locate(id);
    if (typeof found === 'string') return refuse(found);
    const section = found.model.layout.sections[found.item.layoutIndex];
    const wanted = section && landing(section, id, delta);
    if (wanted) return move(id, wanted);
    setMessage({
      tone: 'info',
      text: 'Not moved: it is at the edge that way (Perses floats panels up into empty rows).',
    });
  };

  return { move, nudge, message, revision };
}
