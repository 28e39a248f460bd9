import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { LagSample, OrphansResponse } from '@perses-cm/api';
import { fakeApi } from '../../../test/fake-api.ts';
import { renderStatusView } from '../../../test/render-status.tsx';
import { at, connection, orphan, overview } from '../../../test/status-fixtures.ts';
import OverviewPage from './overview-page.tsx';

// jsdom has no canvas: the chart stands in with what it was given (Chromium draws the real one).
vi.mock('./lag-chart.tsx', () => ({
  default: (props: { samples: LagSample[]; worstCaseMs: number | null }) => (
    <p data-testid="lag-chart">
      {props.samples.length} samples, worst case {props.worstCaseMs}
    </p>
  ),
}));

const samples: LagSample[] = [1, 2, 3].map((i) => ({
  at: at(-i * 60),
  lagMs: i * 1000,
  id: 'id-a',
  kind: 'Dashboard',
  project: 'perses',
  name: 'a',
}));
const NO_STATS = { count: 0, lastMs: null, p50Ms: null, p95Ms: null, maxMs: null };

const ALL = { list: true, get: true, create: true, update: true, delete: true };
const whoami = (name: string, deletes: boolean) => ({
  identity: { name, groups: [], source: 'kubeconfig' },
  target: {
    type: 'kubernetes',
    cluster: 'test',
    server: 'https://127.0.0.1:6443',
    namespaces: ['monitoring'],
    label: { key: 'perses.dev/resource', value: 'true' },
  },
  capabilities: [{ namespace: 'monitoring', allowed: { ...ALL, delete: deletes }, reasons: {} }],
});

/** The status routes; the orphan is gone from Perses once deleted. */
function serve(
  orphans: OrphansResponse,
  over: Parameters<typeof overview>[0] = {},
  who = whoami('admin', true),
) {
  let current = orphans;
  return fakeApi({
    'GET /api/v1/whoami': { body: who },
    'GET /api/v1/status': { body: overview(over) },
    'GET /api/v1/status/orphans': () => ({ body: current }),
    'GET /api/v1/status/lag': { body: { samples, stats: { day: NO_STATS, recent: NO_STATS } } },
    'DELETE /api/v1/status/orphans/orphan-1?confirm=left-behind': () => {
      current = { ...orphans, items: [] };
      return { status: 204 };
    },
  });
}

const ORPHANS: OrphansResponse = {
  items: [orphan()],
  cleanup: { possible: true, reason: null },
  scopeNote: null,
  checkedAt: null,
};

describe('OverviewPage', () => {
  it('shows counts per status, the expected worst case, how Perses was found, and the lag', async () => {
    serve(ORPHANS);
    renderStatusView(<OverviewPage />, '/overview');
    expect(await screen.findByTestId('expectation')).toHaveProperty(
      'textContent',
      'interval 10m: a change reaches Perses within about 10 minutes',
    );
    const counts = screen.getByRole('list', { name: 'Resources per status' });
    const rejected = within(counts).getByRole('link', { name: 'Rejected: 2' });
    expect(rejected.getAttribute('href')).toBe('/?status=rejected');
    const perses = screen.getByRole('region', { name: 'Perses connection' });
    expect(perses.textContent).toContain('Found in the cluster: Service perses/perses');
    expect(perses.textContent).toContain('Connected');
    expect(perses.textContent).toContain('every 10m from /etc/perses/provisioning');
    const lag = screen.getByRole('region', { name: 'Sync lag' });
    const day = within(lag).getByRole('row', { name: /Last 24 h/ });
    // changes, last, p50, p95, max
    expect(
      within(day)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '4.2s', '3.1s', '9s', '9s']);
    expect((await screen.findByTestId('lag-chart')).textContent).toBe(
      '3 samples, worst case 600000',
    );
  });

  it('deletes an orphan from Perses only after its name is typed', async () => {
    const requests = serve(ORPHANS);
    renderStatusView(<OverviewPage />, '/overview');
    const del = await screen.findByRole('button', {
      name: 'Delete Dashboard "perses/left-behind" from Perses',
    });
    fireEvent.click(del);
    const dialog = screen.getByRole('dialog', {
      name: 'Delete Dashboard "perses/left-behind" from Perses?',
    });
    const confirm = within(dialog).getByRole('button', { name: 'Delete from Perses' });
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'left-behin' } });
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'left-behind' } });
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(requests.map((r) => `${r.method} ${r.url}`)).toContain(
        'DELETE /api/v1/status/orphans/orphan-1?confirm=left-behind',
      ),
    );
    await waitFor(() => expect(screen.queryByRole('listitem', { name: /left-behind/ })).toBeNull());
  });

  it('disables cleanup with the reason when Perses is read-only', async () => {
    serve(
      {
        ...ORPHANS,
        cleanup: { possible: false, reason: 'Perses is read-only (security.readonly)' },
      },
      { perses: connection({ readonly: true }) },
    );
    renderStatusView(<OverviewPage />, '/overview');
    const del = await screen.findByRole('button', {
      name: 'Delete Dashboard "perses/left-behind" from Perses (disabled: Perses is read-only (security.readonly))',
    });
    expect(del).toHaveProperty('disabled', true);
    expect(screen.getByRole('note').textContent).toContain('Cleanup is not possible');
  });

  it('disables cleanup for whoever may not delete ConfigMaps, saying so', async () => {
    serve(ORPHANS, {}, whoami('viewer', false));
    renderStatusView(<OverviewPage />, '/overview');
    const del = await screen.findByRole('button', {
      name: 'Delete Dashboard "perses/left-behind" from Perses (disabled: viewer may not delete ConfigMaps in any namespace the console watches)',
    });
    expect(del).toHaveProperty('disabled', true);
  });

  it('says Perses is unreachable and that statuses are Unknown, not failed', async () => {
    serve(ORPHANS, {
      perses: connection({ state: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:8080' }),
    });
    renderStatusView(<OverviewPage />, '/overview');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Perses is unreachable.');
    expect(alert.textContent).toContain('Every status is Unknown');
  });
});
