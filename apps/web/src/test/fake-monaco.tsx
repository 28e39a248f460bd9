// Stand-ins for the Monaco editors in jsdom, which cannot run Monaco (the e2e tests drive the real
// one in Chromium): a textarea behind the same handle and callbacks, and a diff that shows both
// texts. Use with vi.mock of lib/monaco/code-editor.tsx and lib/monaco/diff-editor.tsx.
import { useImperativeHandle, useRef, type ComponentProps } from 'react';
import type { CodeEditor } from '../lib/monaco/code-editor.tsx';
import type { DiffEditor } from '../lib/monaco/diff-editor.tsx';

/** Every text loaded through the handle (an undoable edit in Monaco), in order; reset per test. */
export const replacedTexts: string[] = [];

export function FakeCodeEditor(props: ComponentProps<typeof CodeEditor>) {
  const area = useRef<HTMLTextAreaElement>(null);
  const latest = useRef(props);
  latest.current = props;
  useImperativeHandle(
    props.ref,
    () => ({
      // Like Monaco: replacing the text is an edit, reported through onChange.
      replaceText(text: string) {
        if (!area.current || area.current.value === text) return;
        replacedTexts.push(text);
        area.current.value = text;
        latest.current.onChange?.(text);
      },
      applyEdits: () => false,
      format: async () => {},
      reveal: () => {},
      select: () => {},
      onCursorChange: () => () => {},
      focus: () => area.current?.focus(),
    }),
    [],
  );
  return (
    <textarea
      ref={area}
      aria-label={props.label}
      defaultValue={props.initialText}
      readOnly={props.readOnly}
      onChange={(e) => props.onChange?.(e.target.value)}
    />
  );
}

export function FakeDiffEditor(props: ComponentProps<typeof DiffEditor>) {
  return (
    <figure aria-label={props.label}>
      <pre data-testid="original">{props.original}</pre>
      <pre data-testid="modified">{props.modified}</pre>
    </figure>
  );
}
