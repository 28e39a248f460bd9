import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { DocFormat, Finding } from '@perses-cm/api';
import { setFindingMarkers, summarizeMarkers, type MarkerSummary } from './markers.ts';
import { monaco } from './monaco.ts';
import { configureJsonSchema } from './schema.ts';
import { followSystemTheme } from './theme.ts';

export interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

export interface CodeEditorHandle {
  /** Replaces the text as one undoable edit, so Ctrl+Z brings the user's text back. */
  replaceText(text: string): void;
  /**
   * Applies edits given as offsets into `basedOn` as one undoable edit; false (and nothing
   * changed) when the editor no longer holds exactly that text or is read-only.
   */
  applyEdits(edits: readonly OffsetEdit[], basedOn: string): boolean;
  format(): Promise<void>;
  reveal(line: number, column: number): void;
  /** Selects a range of offsets and scrolls it into view, leaving the focus where it is. */
  select(start: number, end: number): void;
  /** Calls `listener` with the cursor's offset whenever it moves; returns the unsubscribe. */
  onCursorChange(listener: (offset: number) => void): () => void;
  focus(): void;
}

interface Props {
  /** Identifies the model (and its JSON Schema match); changing it creates a new model. */
  path: string;
  initialText: string;
  format: DocFormat;
  readOnly?: boolean;
  findings?: Finding[];
  onChange?: (text: string) => void;
  onMarkers?: (m: MarkerSummary) => void;
  onSave?: () => void;
  label: string;
  ref?: Ref<CodeEditorHandle>;
}

export function CodeEditor(props: Props) {
  const { path, initialText, format, readOnly, findings, label, ref } = props;
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  // Cursor listeners outlive the Monaco instance, so subscribing never depends on mount order.
  const cursorListeners = useRef(new Set<(offset: number) => void>());
  // Callbacks change every render; Monaco listeners read the latest through this ref.
  const cb = useRef(props);
  useEffect(() => {
    cb.current = props;
  });

  useEffect(() => {
    if (!host.current) return;
    followSystemTheme();
    configureJsonSchema();
    const uri = monaco.Uri.parse(`inmemory://perses-cm/${encodeURIComponent(path)}.${format}`);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(initialText, format === 'yaml' ? 'yaml' : 'json', uri);
    const editor = monaco.editor.create(host.current, {
      model,
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 19,
      fontFamily: "'JetBrains Mono', ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace",
      scrollBeyondLastLine: false,
      tabSize: 2,
      renderLineHighlight: 'line',
      fixedOverflowWidgets: true,
      ariaLabel: cb.current.label,
      // Scopes from indentation: the outline model asks the JSON worker for every symbol of the
      // document after each key, which for a 900 KB dashboard costs the main thread ~100 ms.
      stickyScroll: { enabled: true, defaultModel: 'indentationModel' },
      formatOnPaste: false,
    });
    editorRef.current = editor;
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => cb.current.onSave?.());
    const sub = model.onDidChangeContent(() => cb.current.onChange?.(model.getValue()));
    const cursorSub = editor.onDidChangeCursorPosition((e) => {
      const offset = model.getOffsetAt(e.position);
      for (const listener of cursorListeners.current) listener(offset);
    });
    const reportMarkers = () => cb.current.onMarkers?.(summarizeMarkers(model));
    const markerSub = monaco.editor.onDidChangeMarkers((uris) => {
      if (uris.some((u) => u.toString() === uri.toString())) reportMarkers();
    });
    return () => {
      sub.dispose();
      cursorSub.dispose();
      markerSub.dispose();
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
    // The model is created once per path; later text changes go through replaceText, and a
    // change of format (the create page detects it from the text) only changes the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) monaco.editor.setModelLanguage(model, format === 'yaml' ? 'yaml' : 'json');
  }, [format]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly: Boolean(readOnly), ariaLabel: label });
  }, [readOnly, label]);

  // Compare by content: setting markers fires onDidChangeMarkers, which re-renders the parent.
  const findingsKey = JSON.stringify(findings ?? []);
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) setFindingMarkers(model, JSON.parse(findingsKey) as Finding[]);
  }, [findingsKey]);

  useImperativeHandle(
    ref,
    () => ({
      replaceText(text: string) {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model || model.getValue() === text) return;
        editor.pushUndoStop();
        editor.executeEdits('perses-cm', [{ range: model.getFullModelRange(), text }]);
        editor.pushUndoStop();
      },
      applyEdits(edits, basedOn) {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model || editor.getOption(monaco.editor.EditorOption.readOnly))
          return false;
        if (model.getValue() !== basedOn) return false;
        const range = (start: number, end: number) =>
          monaco.Range.fromPositions(model.getPositionAt(start), model.getPositionAt(end));
        editor.pushUndoStop();
        editor.executeEdits(
          'perses-cm',
          edits.map((e) => ({ range: range(e.start, e.end), text: e.text })),
        );
        editor.pushUndoStop();
        return true;
      },
      async format() {
        await editorRef.current?.getAction('editor.action.formatDocument')?.run();
      },
      reveal(line: number, column: number) {
        const editor = editorRef.current;
        if (!editor) return;
        editor.revealLineInCenter(line);
        editor.setPosition({ lineNumber: line, column });
        editor.focus();
      },
      select(start: number, end: number) {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model) return;
        const range = monaco.Range.fromPositions(
          model.getPositionAt(start),
          model.getPositionAt(end),
        );
        editor.setSelection(range);
        editor.revealRangeNearTop(range, monaco.editor.ScrollType.Smooth);
      },
      onCursorChange(listener: (offset: number) => void) {
        const listeners = cursorListeners.current;
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      focus() {
        editorRef.current?.focus();
      },
    }),
    [],
  );

  return <div ref={host} className="monaco-host" data-testid="code-editor" />;
}
