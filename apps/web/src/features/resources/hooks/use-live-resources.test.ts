import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { ListResourcesResponse } from '@perses-cm/api';
import { summary } from '../../../test/fixtures.ts';
import { resourceKeys } from '../api/keys.ts';
import { applyEvent, patchItems } from './use-live-resources.ts';

describe('patchItems', () => {
  const a = summary({ name: 'a' });
  const b = summary({ name: 'b' });

  it('replaces only the changed row and keeps the others by identity', () => {
    const next = patchItems([a, b], 'modified', { ...b, version: '2' });
    expect(next[0]).toBe(a);
    expect(next[1]?.version).toBe('2');
  });

  it('returns the same array when the version did not move', () => {
    const items = [a, b];
    expect(patchItems(items, 'modified', { ...b })).toBe(items);
  });

  it('adds and deletes', () => {
    expect(patchItems([a], 'added', b)).toEqual([a, b]);
    expect(patchItems([a, b], 'deleted', a)).toEqual([b]);
  });
});

describe('applyEvent', () => {
  it('patches the list and invalidates a cached detail whose version moved', async () => {
    const qc = new QueryClient();
    const a = summary({ name: 'a' });
    qc.setQueryData<ListResourcesResponse>(resourceKeys.list(), { items: [a], errors: [] });
    qc.setQueryData(resourceKeys.detail(a.id), { ...a, text: '{}' });
    applyEvent(qc, { type: 'modified', resource: { ...a, version: '9' } });
    expect(qc.getQueryData<ListResourcesResponse>(resourceKeys.list())?.items[0]?.version).toBe(
      '9',
    );
    expect(qc.getQueryState(resourceKeys.detail(a.id))?.isInvalidated).toBe(true);
  });
});
