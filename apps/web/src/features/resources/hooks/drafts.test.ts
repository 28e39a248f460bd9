import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client.ts';
import { clearDraft, draftIds, draftKey, loadDraft, saveDraft } from './drafts.ts';
import { findingsFromError } from './findings-from-error.ts';

beforeEach(() => window.localStorage.clear());

describe('drafts', () => {
  it('round-trips a draft and forgets it when cleared', () => {
    const key = draftKey('abc');
    saveDraft(key, { text: 'x', format: 'yaml', baseText: 'y', baseVersion: '3', savedAt: 1 });
    expect(loadDraft(key)).toMatchObject({
      text: 'x',
      format: 'yaml',
      baseText: 'y',
      baseVersion: '3',
    });
    clearDraft(key);
    expect(loadDraft(key)).toBeNull();
  });

  it('lists the resources that have a draft, not new-resource drafts', () => {
    const d = { text: 'x', format: 'json' as const, baseText: '', baseVersion: '', savedAt: 1 };
    saveDraft(draftKey('a~1'), d);
    saveDraft(draftKey('new:Dashboard'), d);
    window.localStorage.setItem('other', '1');
    expect([...draftIds()]).toEqual(['a~1']);
  });

  it('ignores a corrupt entry instead of failing the editor', () => {
    window.localStorage.setItem(draftKey('bad'), '{not json');
    expect(loadDraft(draftKey('bad'))).toBeNull();
    window.localStorage.setItem(draftKey('bad'), JSON.stringify({ text: 1 }));
    expect(loadDraft(draftKey('bad'))).toBeNull();
  });
});

describe('findingsFromError', () => {
  it('reads findings from details.findings or a bare list, skipping junk', () => {
    const f = { severity: 'error', rule: 'invalid-name', message: 'bad name', line: 4, column: 13 };
    expect(
      findingsFromError(
        new ApiError(400, 'validation_failed', 'x', { findings: [f, { nope: 1 }] }),
      ),
    ).toEqual([f]);
    expect(findingsFromError(new ApiError(400, 'validation_failed', 'x', [f]))).toEqual([f]);
    expect(findingsFromError(new ApiError(400, 'validation_failed', 'x'))).toEqual([]);
  });
});
