// Test harness for the list page: a memory router at `url`, a fresh query client, a viewport for
// the virtualiser (jsdom has no layout), and the header's target label, which shows once the
// identity answer has rendered (the page reads the same answer).
import type { ReactElement } from 'react';
import { afterEach, vi } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../lib/query-client.ts';
import { ResourceListPage } from '../features/resources/components/resource-list-page.tsx';
import { TargetLabel } from '../features/session/components/target-label.tsx';

Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
  configurable: true,
  get: () => 600,
});
Object.defineProperty(HTMLElement.prototype, 'clientWidth', {
  configurable: true,
  get: () => 1000,
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The list page (or another page holding it) with the header's target label beside it. */
export function renderListPageAt(url: string, list: ReactElement = <ResourceListPage />) {
  const page = (
    <>
      <TargetLabel />
      {list}
    </>
  );
  const router = createMemoryRouter([{ path: '/', element: page }], { initialEntries: [url] });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}
