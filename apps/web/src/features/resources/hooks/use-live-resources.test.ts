import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { ListResourcesResponse } from '@perses-cm/api';
import { summary } from '../../../test/fixtures.ts';
import { resourceKeys } from '../api/keys.ts';
import { applyEvents, patchItems } from './use-live-resources.ts';

const a = summary({ name: 'a' });
const b = summary({ name: 'b' });
const c = summary({ name: 'c' });

describe('patchItems', () => {
  it('replaces only the changed row and keeps the others by identity', () => {
    const next = patchItems([a, b], [{ type: 'modified', resource: { ...b, version: '2' } }]);
    expect(next[0]).toBe(a);
    expect(next[1]?.version).toBe('2');
  });

  it('returns the same array when no version moved', () => {
    const items = [a, b];
    expect(patchItems(items, [{ type: 'modified', resource: { ...b } }])).toBe(items);
  });

  it('adds, deletes and folds several events on one resource', () => {
    expect(patchItems([a], [{ type: 'added', resource: b }])).toEqual([a, b]);
    expect(patchItems([a, b], [{ type: 'deleted', resource: a }])).toEqual([b]);
    expect(
      patchItems(
        [a],
        [
          { type: 'added', resource: c },
          { type: 'modified', resource: { ...c, version: '3' } },
          { type: 'added', resource: b },
          { type: 'deleted', resource: b },
        ],
      ),
    ).toEqual([a, { ...c, version: '3' }]);
  });

  it('applies a burst of 5,000 events in one pass, in order, keeping untouched rows', () => {
    // Speed is measured by `pnpm bench` against a real browser; this checks the outcome.
    const items = Array.from({ length: 5000 }, (_, i) => summary({ name: `r${i}` }));
    const events = [
      ...items
        .slice(0, 4000)
        .map((r) => ({ type: 'modified' as const, resource: { ...r, version: '2' } })),
      ...items.slice(4000, 4500).map((r) => ({ type: 'deleted' as const, resource: r })),
      ...Array.from({ length: 500 }, (_, i) => ({
        type: 'added' as const,
        resource: summary({ name: `new${i}` }),
      })),
    ];
    const next = patchItems(items, events);
    expect(next).toHaveLength(5000);
    expect(next.slice(0, 4000).every((r, i) => r.name === `r${i}` && r.version === '2')).toBe(true);
    expect(next.slice(4000, 4500)).toEqual(items.slice(4500));
    expect(next.slice(4000, 4500).every((r, i) => r === items[4500 + i])).toBe(true);
    expect(next.slice(4500).map((r) => r.name)).toEqual(
      events.slice(4500).map((e) => e.resource.name),
    );
  });
});

describe('applyEvents', () => {
  it('patches the list and invalidates a cached detail whose version moved', () => {
    const qc = new QueryClient();
    qc.setQueryData<ListResourcesResponse>(resourceKeys.list(), { items: [a, b], errors: [] });
    qc.setQueryData(resourceKeys.detail(a.id), { ...a, text: '{}' });
    qc.setQueryData(resourceKeys.detail(b.id), { ...b, text: '{}' });
    applyEvents(qc, [
      { type: 'modified', resource: { ...a, version: '9' } },
      { type: 'modified', resource: b },
      { type: 'stale', reason: 'x' },
    ]);
    expect(qc.getQueryData<ListResourcesResponse>(resourceKeys.list())?.items[0]?.version).toBe(
      '9',
    );
    expect(qc.getQueryState(resourceKeys.detail(a.id))?.isInvalidated).toBe(true);
    expect(qc.getQueryState(resourceKeys.detail(b.id))?.isInvalidated).toBe(false);
  });
});
