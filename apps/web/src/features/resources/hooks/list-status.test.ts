// The list's provisioning status: the filter in the URL, sorting worst first, live patches.
import { describe, expect, it } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import type { ListResourcesResponse } from '@perses-cm/api';
import { summary } from '../../../test/fixtures.ts';
import { resourceStatus } from '../../../test/status-fixtures.ts';
import { resourceKeys } from '../api/keys.ts';
import { buildRows } from './filter-resources.ts';
import { applyEvents, patchItems, patchStatuses } from './use-live-resources.ts';
import { DEFAULT_STATE, parseListState } from './use-list-state.ts';

const synced = summary({ name: 'synced', status: resourceStatus() });
const pending = summary({ name: 'pending', status: resourceStatus({ state: 'pending' }) });
const rejected = summary({ name: 'rejected', status: resourceStatus({ state: 'rejected' }) });
const none = summary({ name: 'none' });
const items = [synced, pending, rejected, none];

const names = (s: Partial<typeof DEFAULT_STATE>) =>
  buildRows(items, { ...DEFAULT_STATE, group: 'none', ...s }).rows.map((r) =>
    r.type === 'item' ? r.item.name : '#',
  );

describe('status filter and sort', () => {
  it('reads ?status= as the known states, each once, in the contract order', () => {
    const p = (q: string) => parseListState(new URLSearchParams(q)).status;
    expect(p('status=stale,pending')).toBe('pending,stale');
    expect(p('status=pending,bogus,pending')).toBe('pending');
    expect(p('status=bogus')).toBe('');
    expect(p('')).toBe('');
  });

  it('keeps only rows in the chosen states; rows without a status match none', () => {
    expect(names({ status: 'pending,rejected' })).toEqual(['pending', 'rejected']);
    expect(names({ status: 'synced' })).toEqual(['synced']);
    expect(names({ status: '' })).toHaveLength(4);
  });

  it('sorts worst first, rows without a status last', () => {
    expect(names({ sort: 'status' })).toEqual(['rejected', 'pending', 'synced', 'none']);
    expect(names({ sort: 'status', dir: 'desc' })).toEqual([
      'none',
      'synced',
      'pending',
      'rejected',
    ]);
  });
});

describe('live statuses', () => {
  it('puts a status event on its row only', () => {
    const next = patchStatuses(items, [
      {
        type: 'status',
        items: [{ id: none.id, namespace: 'monitoring', status: resourceStatus() }],
      },
    ]);
    expect(next[3]?.status?.state).toBe('synced');
    expect(next[0]).toBe(synced);
    expect(patchStatuses(items, [{ type: 'status', items: [] }])).toBe(items);
  });

  it('keeps the last status when a change event carries none', () => {
    const next = patchItems(items, [
      { type: 'modified', resource: { ...synced, version: '2', status: undefined } },
    ]);
    expect(next[0]?.version).toBe('2');
    expect(next[0]?.status?.state).toBe('synced');
  });

  it('applies a change and its status in one batch', () => {
    const qc = new QueryClient();
    qc.setQueryData<ListResourcesResponse>(resourceKeys.list(), { items, errors: [] });
    applyEvents(qc, [
      { type: 'modified', resource: { ...synced, version: '2', status: undefined } },
      {
        type: 'status',
        items: [
          { id: synced.id, namespace: 'monitoring', status: resourceStatus({ state: 'pending' }) },
        ],
      },
    ]);
    const row = qc.getQueryData<ListResourcesResponse>(resourceKeys.list())?.items[0];
    expect(row).toMatchObject({ version: '2', status: { state: 'pending' } });
  });
});
