// The list's status column against a fake server: badges, the filter in the URL, live updates.
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { fakeApi } from '../../../test/fake-api.ts';
import { summary } from '../../../test/fixtures.ts';
import { at, resourceStatus } from '../../../test/status-fixtures.ts';
import { createQueryClient } from '../../../lib/query-client.ts';
import { applyEvents } from '../hooks/use-live-resources.ts';
import { ResourceListPage } from './resource-list-page.tsx';

afterEach(cleanup);

// jsdom has no layout: give the virtualised grid a viewport.
Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => 600,
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get: () => 1000,
});

const items = [
  summary({ name: 'alpha', status: resourceStatus() }),
  summary({
    name: 'beta',
    status: resourceStatus({ state: 'pending', expectedAt: at(190), servedSince: null }),
  }),
  summary({
    name: 'gamma',
    status: resourceStatus({
      state: 'rejected',
      reason: {
        code: 'project_missing',
        message: 'project "nosuch" does not exist in Perses',
        source: 'perses-api',
        inferred: false,
        at: null,
      },
    }),
  }),
];

function renderAt(url: string) {
  fakeApi({
    'GET /api/v1/resources': { body: { items, errors: [] } },
    'GET /api/v1/whoami': {
      body: {
        identity: { name: 'admin', groups: [], source: 'kubeconfig' },
        target: { type: 'directory', path: '/charts/perses' },
        capabilities: [],
      },
    },
  });
  const qc = createQueryClient();
  const router = createMemoryRouter([{ path: '/', element: <ResourceListPage /> }], {
    initialEntries: [url],
  });
  render(
    <QueryClientProvider client={qc}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { qc, router };
}

const rowOf = (name: string) =>
  screen
    .getByRole('link', { name: `Dashboard perses/${name}` })
    .closest('[role="row"]') as HTMLElement;

describe('list status column', () => {
  it('shows each resource state as a badge with its reason', async () => {
    renderAt('/?group=none');
    await screen.findByRole('link', { name: 'Dashboard perses/gamma' });
    expect(within(rowOf('alpha')).getByText('Synced')).toBeTruthy();
    const rejected = within(rowOf('gamma')).getByText('Rejected').closest('.status-badge');
    expect(rejected?.getAttribute('title')).toBe(
      'Rejected: project "nosuch" does not exist in Perses',
    );
    expect(screen.getByRole('columnheader', { name: /Status/ })).toBeTruthy();
  });

  it('filters by status from the URL and writes the choice into it', async () => {
    const { router } = renderAt('/?group=none&status=pending');
    await screen.findByRole('link', { name: 'Dashboard perses/beta' });
    expect(screen.queryByRole('link', { name: 'Dashboard perses/alpha' })).toBeNull();
    expect(screen.getByText('1 of 3')).toBeTruthy();

    fireEvent.change(screen.getByRole('combobox', { name: 'Status' }), {
      target: { value: 'pending,stale,rejected,shadowed,drifted,unknown' },
    });
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get('status')).toBe(
        'pending,stale,rejected,shadowed,drifted,unknown',
      ),
    );
    await screen.findByRole('link', { name: 'Dashboard perses/gamma' });
    expect(screen.getByText('2 of 3')).toBeTruthy();
  });

  it('moves a badge when a status event arrives', async () => {
    const { qc } = renderAt('/?group=none');
    await screen.findByRole('link', { name: 'Dashboard perses/beta' });
    act(() =>
      applyEvents(qc, [
        {
          type: 'status',
          items: [{ id: 'id-beta', namespace: 'monitoring', status: resourceStatus() }],
        },
      ]),
    );
    await waitFor(() => expect(within(rowOf('beta')).getByText('Synced')).toBeTruthy());
  });
});
