// Test harness for the status views: `element` at `url` in a memory router with a fresh query
// client (returned, so a test can apply what a live event does), and <dialog> as browsers have it.
import { afterEach } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { ReactElement } from 'react';
import { createQueryClient } from '../lib/query-client.ts';

// jsdom has <dialog> without showModal/close; the app's Dialog opens and closes through them.
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
}

afterEach(() => cleanup());

export function renderStatusView(element: ReactElement, url = '/') {
  const queryClient = createQueryClient();
  const router = createMemoryRouter(
    [
      { path: '*', element },
      { path: '/resources/:id', element: <p>Resource page</p> },
    ],
    { initialEntries: [url] },
  );
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { queryClient, router };
}
