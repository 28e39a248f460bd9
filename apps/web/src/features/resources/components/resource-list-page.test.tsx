import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FindingBadges } from '../../../components/badges.tsx';
import { checkProgress } from '../hooks/check-progress.ts';
import { API, type ErrorBody, type ListResourcesResponse } from '@perses-cm/api';
import { fakeApi, type FakeResponse } from '../../../test/fake-api.ts';
import { KUBE_TARGET, summary, whoami } from '../../../test/fixtures.ts';
import { renderListPageAt as renderAt } from '../../../test/render-list-page.tsx';

/** The server with `list` as the answer of the resource list; every other URL fails the test. */
function serve(list: FakeResponse & { body: ListResourcesResponse | ErrorBody }) {
  return fakeApi({
    [`GET ${API.whoami}`]: { body: whoami(KUBE_TARGET, ['monitoring']) },
    [`GET ${API.resources}`]: list,
  });
}

/** A Dashboard `alpha` and a Project `beta`. */
const serveDashboardAndProject = () =>
  serve({
    body: {
      items: [
        summary({ name: 'alpha' }),
        summary({ name: 'beta', kind: 'Project', project: null }),
      ],
      errors: [],
    },
  });

describe('ResourceListPage', () => {
  it('renders rows and filters from the URL', async () => {
    serveDashboardAndProject();
    renderAt('/?kind=Project&group=none');
    expect(await screen.findByRole('link', { name: 'Project beta' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /alpha/ })).toBeNull();
    expect(screen.getByText('1 of 2')).toBeTruthy();
  });

  it('puts the search text into the URL', async () => {
    serve({ body: { items: [summary({ name: 'alpha' }), summary({ name: 'beta' })], errors: [] } });
    const router = renderAt('/?group=none');
    await screen.findByRole('link', { name: 'Dashboard perses/alpha' });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search resources' }), {
      target: { value: 'bet' },
    });
    await waitFor(() => expect(router.state.location.search).toBe('?group=none&q=bet'));
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'Dashboard perses/alpha' })).toBeNull(),
    );
    expect(screen.getByRole('link', { name: 'Dashboard perses/beta' })).toBeTruthy();
  });

  it('filters on the typed text before the URL takes it, and links carry it', async () => {
    serve({ body: { items: [summary({ name: 'alpha' }), summary({ name: 'beta' })], errors: [] } });
    const router = renderAt('/?group=none');
    await screen.findByRole('link', { name: 'Dashboard perses/alpha' });
    fireEvent.change(screen.getByRole('searchbox', { name: 'Search resources' }), {
      target: { value: 'bet' },
    });
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'Dashboard perses/alpha' })).toBeNull(),
    );
    // The URL waits for typing to pause; the row's link already holds the text shown.
    expect(router.state.location.search).toBe('?group=none');
    const beta = screen.getByRole('link', { name: 'Dashboard perses/beta' });
    expect(beta.getAttribute('href')).toMatch(/\?group=none&q=bet$/);
    await waitFor(() => expect(router.state.location.search).toBe('?group=none&q=bet'));
  });

  it('writes pending text with another filter at once, and follows the URL back', async () => {
    serveDashboardAndProject();
    const router = renderAt('/?group=none');
    await screen.findByRole('link', { name: 'Dashboard perses/alpha' });
    const box = screen.getByRole('searchbox', { name: 'Search resources' });
    fireEvent.change(box, { target: { value: 'bet' } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Kind' }), {
      target: { value: 'Project' },
    });
    await waitFor(() =>
      expect(router.state.location.search).toBe('?group=none&kind=Project&q=bet'),
    );
    await router.navigate('/?group=none&q=alp');
    await waitFor(() => expect((box as HTMLInputElement).value).toBe('alp'));
    expect(await screen.findByRole('link', { name: 'Dashboard perses/alpha' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Project beta' })).toBeNull();
  });

  it('shows the server message when the list fails', async () => {
    serve({
      status: 403,
      body: {
        error: { code: 'forbidden', message: 'configmaps is forbidden: User "viewer" cannot list' },
      },
    });
    renderAt('/');
    expect(await screen.findByText(/cannot list/)).toBeTruthy();
    expect(screen.getByText(/code: forbidden/)).toBeTruthy();
  });

  it('keeps the rows that loaded when one source failed', async () => {
    serve({
      body: {
        items: [summary({ name: 'alpha' })],
        errors: [{ source: 'namespace team-b', code: 'forbidden', message: 'denied' }],
      },
    });
    renderAt('/?group=none');
    expect(await screen.findByRole('link', { name: 'Dashboard perses/alpha' })).toBeTruthy();
    expect(screen.getByText('namespace team-b')).toBeTruthy();
  });

  it('shows rows not checked yet as checking, with the progress, and never as clean', async () => {
    const pending = { errors: 0, warnings: 0, pending: true as const };
    serve({
      body: {
        items: [
          summary({ name: 'alpha', findings: pending }),
          summary({ name: 'beta', findings: { errors: 1, warnings: 0, pending: true } }),
          summary({ name: 'gamma', findings: pending }),
          summary({ name: 'clean' }),
        ],
        errors: [],
      },
    });
    renderAt('/?group=none&findings=clean');
    expect(await screen.findByRole('link', { name: 'Dashboard perses/clean' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: /alpha|gamma/ })).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/Checking 0 of 3 resources/);
  });
});

describe('checkProgress', () => {
  it('counts down the pending rows against the most seen pending', () => {
    const p = (pending: boolean) =>
      summary({ findings: { errors: 0, warnings: 0, ...(pending ? { pending: true } : {}) } });
    expect(checkProgress([p(true), p(true), p(false)], 0)).toEqual({ checked: 0, total: 2 });
    expect(checkProgress([p(true), p(false), p(false)], 2)).toEqual({ checked: 1, total: 2 });
    expect(checkProgress([p(false)], 2)).toBeNull();
  });
});

describe('FindingBadges', () => {
  it('says checking for a pending resource, with what is known already', () => {
    render(<FindingBadges findings={{ errors: 2, warnings: 0, pending: true }} />);
    expect(screen.getByText('checking')).toBeTruthy();
    expect(screen.getByText('2 errors')).toBeTruthy();
    expect(screen.queryByLabelText('No findings')).toBeNull();
  });
});
