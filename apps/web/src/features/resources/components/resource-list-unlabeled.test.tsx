import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { API, type Target } from '@perses-cm/api';
import { fakeApi, type FakeRequest } from '../../../test/fake-api.ts';
import { DIRECTORY_TARGET, KUBE_TARGET, summary, whoami } from '../../../test/fixtures.ts';
import { renderListPageAt as renderAt } from '../../../test/render-list-page.tsx';

const REASON = 'lacks the label perses.dev/resource=true: the sidecar does not copy it';

const labeled = summary({ name: 'alpha' });
const hidden = summary({ name: 'hidden', readOnly: REASON, unlabeled: true });

/** Answers whoami with `target`; the list with the unlabeled row only when asked for it. */
function mockServer(target: Target) {
  return fakeApi({
    [`GET ${API.whoami}`]: { body: whoami(target, ['monitoring']) },
    [`GET ${API.resources}`]: { body: { items: [labeled], errors: [] } },
    [`GET ${API.resources}?unlabeled=true`]: { body: { items: [labeled, hidden], errors: [] } },
  });
}

const listCalls = (requests: FakeRequest[]) =>
  requests.map((r) => r.url).filter((u) => u.startsWith(API.resources));

describe('Show unlabeled ConfigMaps', () => {
  it('asks for unlabeled=true and badges the unlabeled rows with the reason', async () => {
    const requests = mockServer(KUBE_TARGET);
    const router = renderAt('/?group=none');
    await screen.findByRole('link', { name: 'Dashboard perses/alpha' });
    expect(listCalls(requests)).toEqual(['/api/v1/resources']);
    expect(screen.queryByRole('link', { name: 'Dashboard perses/hidden' })).toBeNull();

    fireEvent.click(await screen.findByRole('checkbox', { name: 'Show unlabeled ConfigMaps' }));
    await waitFor(() => expect(router.state.location.search).toBe('?group=none&unlabeled=1'));
    expect(await screen.findByRole('link', { name: 'Dashboard perses/hidden' })).toBeTruthy();
    expect(listCalls(requests)).toEqual(['/api/v1/resources', '/api/v1/resources?unlabeled=true']);
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
    const requests = mockServer(DIRECTORY_TARGET);
    renderAt('/?group=none&unlabeled=1');
    await screen.findByRole('link', { name: 'Dashboard perses/alpha' });
    // The header shows the target once the identity answer has rendered, in the same render as
    // the page that reads it: only then is the toggle's absence a verdict.
    await screen.findByLabelText('Target: Chart directory, /charts/perses');
    expect(screen.queryByRole('checkbox', { name: 'Show unlabeled ConfigMaps' })).toBeNull();
    expect(listCalls(requests)).toEqual(['/api/v1/resources']);
  });
});
