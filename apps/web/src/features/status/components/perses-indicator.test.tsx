import { describe, expect, it } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { fakeApi } from '../../../test/fake-api.ts';
import { renderStatusView } from '../../../test/render-status.tsx';
import { connection, overview } from '../../../test/status-fixtures.ts';
import { applyStatusEvents } from '../hooks/use-live-status.ts';
import { PersesIndicator } from './perses-indicator.tsx';

const DOWN = connection({ state: 'unreachable', message: 'connect ECONNREFUSED 127.0.0.1:8080' });

describe('PersesIndicator', () => {
  it('says so in the header while Perses is unreachable, linking to the overview', async () => {
    fakeApi({ 'GET /api/v1/status': { body: overview({ perses: DOWN }) } });
    renderStatusView(<PersesIndicator />);
    const chip = await screen.findByRole('status', { name: 'Perses unreachable' });
    expect(chip.getAttribute('href')).toBe('/overview');
    expect(chip.getAttribute('title')).toContain('connect ECONNREFUSED');
    expect(chip.getAttribute('title')).toContain('Statuses are Unknown');
  });

  it('appears and goes with the connection events, without refetching', async () => {
    const requests = fakeApi({ 'GET /api/v1/status': { body: overview() } });
    const { queryClient } = renderStatusView(<PersesIndicator />);
    await waitFor(() => expect(requests).toHaveLength(1));
    expect(screen.queryByRole('status', { name: 'Perses unreachable' })).toBeNull();
    act(() => applyStatusEvents(queryClient, [{ type: 'perses', connection: DOWN }]));
    expect(await screen.findByRole('status', { name: 'Perses unreachable' })).toBeTruthy();
    act(() => applyStatusEvents(queryClient, [{ type: 'perses', connection: connection() }]));
    await waitFor(() =>
      expect(screen.queryByRole('status', { name: 'Perses unreachable' })).toBeNull(),
    );
    expect(requests).toHaveLength(1);
  });
});
