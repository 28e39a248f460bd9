import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { ListResourcesResponse, WhoAmIResponse } from '@perses-cm/api';
import { summary } from '../../../test/fixtures.ts';
import { renderListPageAt as renderAt } from '../../../test/render-list-page.tsx';

const REASON = 'lacks the label perses.dev/resource=true: the sidecar does not copy it';

function who(target: WhoAmIResponse['target']): WhoAmIResponse {
  return {
    identity: { name: 'admin', groups: [], source: 'kubeconfig' },
    target,
    capabilities: [],
  };
}
const KUBE = who({
  type: 'kubernetes',
  cluster: 'test',
  server: 'https://127.0.0.1:6443',
  namespaces: ['monitoring'],
  label: { key: 'perses.dev/resource', value: 'true' },
});
const DIRECTORY = who({ type: 'directory', path: '/charts/perses' });

const labeled = summary({ name: 'alpha' });
const hidden = summary({ name: 'hidden', readOnly: REASON, unlabeled: true });

/** Answers whoami with `target`; the list with the unlabeled row only when asked for it. */
function mockServer(target: WhoAmIResponse) {
  const fn = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    let body: WhoAmIResponse | ListResourcesResponse;
    if (url.pathname === '/api/v1/whoami') body = target;
    else if (url.searchParams.get('unlabeled') === 'true')
      body = { items: [labeled, hidden], errors: [] };
    else body = { items: [labeled], errors: [] };
    return new Response(JSON.stringify(body), {
      headers: { 'content-type': 'application/json' },
    });
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

const listCalls = (fn: ReturnType<typeof mockServer>) =>
  fn.mock.calls.map(([u]) => String(u)).filter((u) => u.startsWith('/api/v1/resources'));

describe('Show unlabeled ConfigMaps', () => {
  it('asks for unlabeled=true and badges the unlabeled rows with the reason', async () => {
    const fetch = mockServer(KUBE);
    const router = renderAt('/?group=none');
    await screen.findByRole('link', { name: 'Dashboard perses/alpha' });
    expect(listCalls(fetch)).toEqual(['/api/v1/resources']);
    expect(screen.queryByRole('link', { name: 'Dashboard perses/hidden' })).toBeNull();

    fireEvent.click(await screen.findByRole('checkbox', { name: 'Show unlabeled ConfigMaps' }));
    await waitFor(() => expect(router.state.location.search).toBe('?group=none&unlabeled=1'));
    expect(await screen.findByRole('link', { name: 'Dashboard perses/hidden' })).toBeTruthy();
    expect(listCalls(fetch)).toEqual(['/api/v1/resources', '/api/v1/resources?unlabeled=true']);
    const badge = screen.getByText('unlabeled');
    expect(badge.getAttribute('title')).toBe(REASON);
    expect(badge.closest('[role="row"]')?.getAttribute('data-resource-id')).toBe('id-hidden');
    // The labeled row is listed once, not again from the unlabeled answer.
    expect(screen.getAllByRole('link', { name: 'Dashboard perses/alpha' })).toHaveLength(1);

    fireEvent.click(screen.getByRole('checkbox', { name: 'Show unlabeled ConfigMaps' }));
    await waitFor(() =>
      expect(screen.queryByRole('link', { name: 'Dashboard perses/hidden' })).toBeNull(),
    );
    expect(router.state.location.search).toBe('?group=none');
  });

  it('has no toggle and never asks on a directory target', async () => {
    const fetch = mockServer(DIRECTORY);
    renderAt('/?group=none&unlabeled=1');
    await screen.findByRole('link', { name: 'Dashboard perses/alpha' });
    await waitFor(() =>
      expect(fetch.mock.calls.some(([u]) => String(u) === '/api/v1/whoami')).toBe(true),
    );
    // Let whoami settle before judging the absence of the toggle.
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('checkbox', { name: 'Show unlabeled ConfigMaps' })).toBeNull();
    expect(listCalls(fetch)).toEqual(['/api/v1/resources']);
  });
});
