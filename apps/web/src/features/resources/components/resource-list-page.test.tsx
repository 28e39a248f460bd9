import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { summary } from '../../../test/fixtures.ts';
import { renderListPageAt as renderAt } from '../../../test/render-list-page.tsx';

function mockFetch(body: unknown, status = 200) {
  const fn = vi.fn(
    async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fn);
  return fn;
}

describe('ResourceListPage', () => {
  it('renders rows and filters from the URL', async () => {
    mockFetch({
      items: [
        summary({ name: 'alpha' }),
        summary({ name: 'beta', kind: 'Project', project: null }),
      ],
      errors: [],
    });
    renderAt('/?kind=Project&group=none');
    expect(await screen.findByRole('link', { name: 'Project beta' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /alpha/ })).toBeNull();
    expect(screen.getByText('1 of 2')).toBeTruthy();
  });

  it('puts the search text into the URL', async () => {
    mockFetch({ items: [summary({ name: 'alpha' }), summary({ name: 'beta' })], errors: [] });
    const router = renderAt('/?group=none');
    await screen.findByRole('link', { name: 'Dashboard perses/alpha' });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search resources' }), {
      target: { value: 'bet' },
    });
    await waitFor(() => expect(router.state.location.search).toBe('?group=none&q=bet'));
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'Dashboard perses/alpha' })).toBeNull(),
    );
  });

  it('shows the server message when the list fails', async () => {
    mockFetch(
      {
        error: { code: 'forbidden', message: 'configmaps is forbidden: User "viewer" cannot list' },
      },
      403,
    );
    renderAt('/');
    expect(await screen.findByText(/cannot list/)).toBeTruthy();
    expect(screen.getByText(/code: forbidden/)).toBeTruthy();
  });

  it('keeps the rows that loaded when one source failed', async () => {
    mockFetch({
      items: [summary({ name: 'alpha' })],
      errors: [{ source: 'namespace team-b', code: 'forbidden', message: 'denied' }],
    });
    renderAt('/?group=none');
    expect(await screen.findByRole('link', { name: 'Dashboard perses/alpha' })).toBeTruthy();
    expect(screen.getByText('namespace team-b')).toBeTruthy();
  });
});
