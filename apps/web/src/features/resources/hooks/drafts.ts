// Unsaved edits survive a reload: one localStorage entry per resource (or per new resource),
// written as the user types and removed on save or discard.
import type { DocFormat } from '@perses-cm/api';

export interface Draft {
  text: string;
  format: DocFormat;
  /** What the edit started from: needed to show the three versions after a reload. */
  baseText: string;
  baseVersion: string;
  savedAt: number;
  namespace?: string;
}

const PREFIX = 'perses-cm:draft:';

export function draftKey(id: string): string {
  return PREFIX + id;
}

export function loadDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<Draft>;
    if (typeof d.text !== 'string' || typeof d.baseText !== 'string') return null;
    return {
      text: d.text,
      format: d.format === 'yaml' ? 'yaml' : 'json',
      baseText: d.baseText,
      baseVersion: typeof d.baseVersion === 'string' ? d.baseVersion : '',
      savedAt: typeof d.savedAt === 'number' ? d.savedAt : Date.now(),
      namespace: typeof d.namespace === 'string' ? d.namespace : undefined,
    };
  } catch {
    return null;
  }
}

export function saveDraft(key: string, draft: Draft): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    // Quota exceeded or storage disabled: the editor still holds the text.
    return false;
  }
}

export function clearDraft(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    /* storage disabled */
  }
}

/** Ids of the resources that have a draft (new-resource drafts excluded). */
export function draftIds(): Set<string> {
  const ids = new Set<string>();
  try {
    for (let i = 0; i < window.localStorage.length; i++) {
      const k = window.localStorage.key(i);
      if (k?.startsWith(PREFIX) && !k.startsWith(`${PREFIX}new:`)) ids.add(k.slice(PREFIX.length));
    }
  } catch {
    /* storage disabled */
  }
  return ids;
}
