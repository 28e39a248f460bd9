import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import type { ResourceDetail } from '@perses-cm/api';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import { detail } from '../../../test/fixtures.ts';
import { draftKey, loadDraft, saveDraft } from './drafts.ts';
import { useEditSession } from './use-edit-session.ts';

const v1 = detail({ name: 'demo', text: '{"v": 1}\n', version: '1' });
const v2 = detail({ name: 'demo', text: '{"v": 2}\n', version: '2' });
const KEY = draftKey(v1.id);
const MINE = '{"v": "mine"}\n';

/** The session over `stored`, with an editor handle that records what was loaded into it. */
function session(stored: ResourceDetail, deleted = false) {
  const editor = { current: { replaceText: vi.fn() } as unknown as CodeEditorHandle };
  const hook = renderHook(
    (p: { stored: ResourceDetail; deleted: boolean }) =>
      useEditSession(p.stored, p.deleted, editor),
    { initialProps: { stored, deleted } },
  );
  const replaced = () => vi.mocked(editor.current.replaceText).mock.calls.map(([t]) => t);
  return { ...hook, replaced };
}

beforeEach(() => {
  window.localStorage.clear();
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('useEditSession', () => {
  it('starts from the stored text and version, with nothing unsaved', () => {
    const { result } = session(v1);
    expect(result.current.base).toEqual({ text: v1.text, version: '1' });
    expect(result.current.text).toBe(v1.text);
    expect(result.current.initialText).toBe(v1.text);
    expect(result.current.dirty).toBe(false);
    expect(result.current.remoteChanged).toBe(false);
    expect(result.current.restoredAt).toBeNull();
  });

  it('restores a draft: its text, and the base it was started from', () => {
    saveDraft(KEY, {
      text: MINE,
      format: 'json',
      baseText: '{"v": 0}\n',
      baseVersion: '0',
      savedAt: 42,
    });
    const { result } = session(v1);
    expect(result.current.initialText).toBe(MINE);
    expect(result.current.base).toEqual({ text: '{"v": 0}\n', version: '0' });
    expect(result.current.dirty).toBe(true);
    expect(result.current.restoredAt).toBe(42);
    // The draft started before the stored version: that is a conflict to show, not to follow.
    expect(result.current.remoteChanged).toBe(true);
  });

  it('ignores a draft that holds the stored text', () => {
    saveDraft(KEY, {
      text: v1.text,
      format: 'json',
      baseText: 'old',
      baseVersion: '0',
      savedAt: 1,
    });
    const { result } = session(v1);
    expect(result.current.base).toEqual({ text: v1.text, version: '1' });
    expect(result.current.restoredAt).toBeNull();
  });

  it('follows a newer stored version while the user has not edited', () => {
    const { result, rerender, replaced } = session(v1);
    rerender({ stored: v2, deleted: false });
    expect(result.current.base).toEqual({ text: v2.text, version: '2' });
    expect(result.current.text).toBe(v2.text);
    expect(replaced()).toEqual([v2.text]);
    expect(result.current.remoteChanged).toBe(false);
  });

  it('keeps the edit and its base when a newer version arrives: a remote change to resolve', () => {
    const { result, rerender, replaced } = session(v1);
    act(() => result.current.setText(MINE));
    rerender({ stored: v2, deleted: false });
    expect(result.current.text).toBe(MINE);
    expect(result.current.base.version).toBe('1');
    expect(result.current.remoteChanged).toBe(true);
    expect(replaced()).toEqual([]);
  });

  it('follows a newer version that holds exactly the edit', () => {
    const { result, rerender } = session(v1);
    act(() => result.current.setText(v2.text));
    rerender({ stored: v2, deleted: false });
    expect(result.current.base).toEqual({ text: v2.text, version: '2' });
    expect(result.current.dirty).toBe(false);
  });

  it('never reports a deleted resource as changed', () => {
    const { result, rerender } = session(v1);
    act(() => result.current.setText(MINE));
    rerender({ stored: v2, deleted: true });
    expect(result.current.remoteChanged).toBe(false);
    expect(result.current.text).toBe(MINE);
  });

  it('writes the draft after a pause in typing, and removes it when the text is the base again', () => {
    const { result } = session(v1);
    act(() => result.current.setText(MINE));
    expect(loadDraft(KEY)).toBeNull();
    act(() => vi.advanceTimersByTime(300));
    expect(loadDraft(KEY)).toMatchObject({ text: MINE, baseText: v1.text, baseVersion: '1' });
    act(() => result.current.setText(v1.text));
    act(() => vi.advanceTimersByTime(300));
    expect(loadDraft(KEY)).toBeNull();
  });

  it('after a save, the saved version is the base and the draft is gone', () => {
    const { result, replaced } = session(v1);
    act(() => result.current.setText(MINE));
    act(() => vi.advanceTimersByTime(300));
    act(() => result.current.saved({ text: MINE, version: '2' }));
    expect(result.current.base).toEqual({ text: MINE, version: '2' });
    expect(result.current.dirty).toBe(false);
    expect(loadDraft(KEY)).toBeNull();
    // The editor already holds the saved text: it is not replaced (the cursor stays).
    expect(replaced()).toEqual([]);
  });

  it('keep mine: the stored version becomes the base and the text stays', () => {
    const { result, rerender } = session(v1);
    act(() => result.current.setText(MINE));
    rerender({ stored: v2, deleted: false });
    act(() => result.current.rebase({ text: v2.text, version: '2' }));
    expect(result.current.base.version).toBe('2');
    expect(result.current.text).toBe(MINE);
    expect(result.current.dirty).toBe(true);
    expect(result.current.remoteChanged).toBe(false);
  });

  it('take theirs: the stored text is loaded into the editor and nothing is unsaved', () => {
    const { result, rerender, replaced } = session(v1);
    act(() => result.current.setText(MINE));
    rerender({ stored: v2, deleted: false });
    act(() => result.current.adopt({ text: v2.text, version: '2' }));
    expect(replaced()).toEqual([v2.text]);
    expect(result.current.text).toBe(v2.text);
    expect(result.current.dirty).toBe(false);
    expect(result.current.remoteChanged).toBe(false);
  });

  it('discarding a restored draft loads the stored version and forgets the draft', () => {
    saveDraft(KEY, { text: MINE, format: 'json', baseText: v1.text, baseVersion: '1', savedAt: 7 });
    const { result, replaced } = session(v1);
    act(() => result.current.discardDraft());
    expect(replaced()).toEqual([v1.text]);
    expect(result.current.text).toBe(v1.text);
    expect(result.current.restoredAt).toBeNull();
    expect(loadDraft(KEY)).toBeNull();
  });
});
