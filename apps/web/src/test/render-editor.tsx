// Test harness for the editor page at /resources/:id: a memory router, a fresh query client
// (returned, so a test can do what a live event does), and <dialog> as browsers have it.
import { afterEach, beforeEach } from 'vitest';
import { cleanup, render } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createQueryClient } from '../lib/query-client.ts';
import ResourceEditorPage from '../features/resources/components/resource-editor-page.tsx';

// jsdom has <dialog> without showModal/close; the app's Dialog opens and closes through them.
if (!HTMLDialogElement.prototype.showModal) {
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
}

beforeEach(() => window.localStorage.clear());
afterEach(() => cleanup());

export function renderEditorAt(id: string) {
  const queryClient = createQueryClient();
  const router = createMemoryRouter(
    [
      { path: '/resources/:id', element: <ResourceEditorPage /> },
      { path: '/', element: <p>Resource list</p> },
    ],
    { initialEntries: [`/resources/${encodeURIComponent(id)}`] },
  );
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { queryClient, router };
}
