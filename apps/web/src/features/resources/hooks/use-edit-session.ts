import { useEffect, useState, type RefObject } from 'react';
import type { LastChange, ResourceDetail } from '@perses-cm/api';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import { clearDraft, draftKey, loadDraft, saveDraft } from './drafts.ts';

export interface Base {
  text: string;
  version: string;
  /** Who wrote that version and when, where the store records it. */
  lastChange?: LastChange | null;
}

/**
 * One editing session of a stored resource: the base (text and version the edit started
 * from), the current text, and the draft in local storage that mirrors them. A newer stored
 * version is followed silently while the user has no edit of their own; otherwise it is left
 * for the conflict view (remoteChanged).
 */
export function useEditSession(
  stored: ResourceDetail,
  deleted: boolean,
  editor: RefObject<CodeEditorHandle | null>,
) {
  const key = draftKey(stored.id);
  const [initial] = useState(() => {
    const d = loadDraft(key);
    if (d && d.text !== stored.text) {
      const base = { text: d.baseText, version: d.baseVersion };
      return { base, text: d.text, restoredAt: d.savedAt as number | null };
    }
    const base = { text: stored.text, version: stored.version, lastChange: stored.lastChange };
    return { base, text: stored.text, restoredAt: null };
  });
  const [base, setBase] = useState<Base>(initial.base);
  const [text, setText] = useState(initial.text);
  const [restoredAt, setRestoredAt] = useState(initial.restoredAt);
  // The version a save of ours replaced. The page renders once more with it before the cache
  // holds the saved one: that is our own past, not a change to follow (following it would load
  // the old text over the saved one, then the saved text again).
  const [superseded, setSuperseded] = useState<string | null>(null);

  const dirty = text !== base.text;
  const remoteChanged =
    !deleted && stored.version !== base.version && stored.version !== superseded;

  useEffect(() => {
    if (superseded !== null && stored.version !== superseded) setSuperseded(null);
  }, [superseded, stored.version]);

  useEffect(() => {
    if (!remoteChanged) return;
    if (!dirty || stored.text === text) {
      setBase({ text: stored.text, version: stored.version, lastChange: stored.lastChange });
      editor.current?.replaceText(stored.text);
      setText(stored.text);
    }
  }, [remoteChanged, dirty, stored.text, stored.version, stored.lastChange, text, editor]);

  useEffect(() => {
    const t = window.setTimeout(() => {
      if (text === base.text) return clearDraft(key);
      saveDraft(key, {
        text,
        format: stored.format,
        baseText: base.text,
        baseVersion: base.version,
        savedAt: Date.now(),
      });
    }, 300);
    return () => window.clearTimeout(t);
  }, [key, text, base, stored.format]);

  /** Loads `to` into the editor as one undoable edit and makes it the base. */
  const adopt = (to: Base) => {
    editor.current?.replaceText(to.text);
    setText(to.text);
    setBase(to);
    setRestoredAt(null);
  };

  return {
    initialText: initial.text,
    base,
    text,
    setText,
    dirty,
    remoteChanged,
    restoredAt,
    /** The stored version becomes the base; the user's text stays (rebase). */
    rebase: (to: Base) => setBase(to),
    adopt,
    /** After a save: the saved version is the base and there is no draft any more. */
    saved(to: Base) {
      clearDraft(key);
      setSuperseded(base.version);
      if (to.text !== text) editor.current?.replaceText(to.text);
      setText(to.text);
      setBase(to);
      setRestoredAt(null);
    },
    discardDraft() {
      clearDraft(key);
      adopt({ text: stored.text, version: stored.version, lastChange: stored.lastChange });
    },
    forgetDraft: () => clearDraft(key),
  };
}
