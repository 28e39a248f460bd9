import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { createQueryClient } from '../../../lib/query-client.ts';
import { useWhoAmI } from '../../../lib/session/get-whoami.ts';
import { fakeApi } from '../../../test/fake-api.ts';
import { returnPath, useSessionGate } from '../hooks/use-session-gate.ts';
import { SignInPage } from './sign-in-page.tsx';

afterEach(() => cleanup());

const WHO = {
  identity: { name: 'editor', groups: [], source: 'token' },
  target: { type: 'directory', path: '/c' },
  capabilities: [],
};

/** The shell's part of the gate: pages only when signed in (or on the sign-in page). */
function Shell() {
  const { ready, onSignIn } = useSessionGate();
  return ready || onSignIn ? <Outlet /> : <p>Checking</p>;
}

function EditorStandIn() {
  const who = useWhoAmI();
  return <p>Editor for {who.data?.identity.name ?? '…'}</p>;
}

function renderAt(url: string) {
  const router = createMemoryRouter(
    [
      {
        element: <Shell />,
        children: [
          { path: '/sign-in', element: <SignInPage /> },
          { path: '/resources/:id', element: <EditorStandIn /> },
        ],
      },
    ],
    { initialEntries: [url] },
  );
  render(
    <QueryClientProvider client={createQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

const session = (signedIn: boolean) => ({
  body: {
    mode: 'token',
    signedIn,
    identity: signedIn ? { name: 'editor', groups: [], source: 'token' } : null,
    idleTimeoutSeconds: 1800,
  },
});

describe('token sign-in', () => {
  it('leads a 401 to the sign-in page and back to the page it came from', async () => {
    let signedIn = true;
    const tokens: unknown[] = [];
    fakeApi({
      'GET /api/v1/session': () => session(signedIn),
      // The session ended on the server while the page was open: the page's next read is 401.
      'GET /api/v1/whoami': () => {
        if (tokens.length > 0) return { body: WHO };
        signedIn = false;
        return { status: 401, body: { error: { code: 'unauthorized', message: 'sign in' } } };
      },
      'POST /api/v1/session': (req) => {
        tokens.push(req.body);
        const ok = (req.body as { token: string }).token === 'good';
        if (!ok) return { status: 401, body: { error: { code: 'unauthorized', message: 'no' } } };
        signedIn = true;
        return { status: 201, ...session(true) };
      },
    });
    const router = renderAt('/resources/abc');
    await waitFor(() => expect(router.state.location.pathname).toBe('/sign-in'));
    expect(router.state.location.search).toBe('?next=%2Fresources%2Fabc');

    const box = await screen.findByRole('textbox', { name: 'Token' });
    fireEvent.change(box, { target: { value: 'wrong' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/does not accept this token/);

    fireEvent.change(box, { target: { value: ' good \n' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await screen.findByText('Editor for editor');
    expect(router.state.location.pathname).toBe('/resources/abc');
    expect(tokens).toEqual([{ token: 'wrong' }, { token: 'good' }]);
  });
});

describe('returnPath', () => {
  it('comes back only to a page of this app', () => {
    expect(returnPath('/resources/x?kind=Dashboard')).toBe('/resources/x?kind=Dashboard');
    for (const bad of [null, '', '//evil.example/x', 'https://evil.example', '/sign-in?next=/']) {
      expect(returnPath(bad)).toBe('/');
    }
  });
});
