import { Link, Outlet, useLocation } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SessionResponse } from '@perses-cm/api';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { EmptyState, LoadingState } from '../components/states.tsx';
import { Toaster } from '../components/toaster.tsx';
import { ConnectionIndicator } from '../features/session/components/connection-indicator.tsx';
import { SessionBadge } from '../features/session/components/session-badge.tsx';
import { TargetLabel } from '../features/session/components/target-label.tsx';
import { useSessionGate } from '../features/session/hooks/use-session-gate.ts';
import { useLiveResources } from '../features/resources/hooks/use-live-resources.ts';

/** The live event stream, open only while someone is signed in (the server refuses it else). */
function LiveUpdates() {
  useLiveResources();
  return null;
}

/** What shows instead of a page while nobody is signed in. */
function NotSignedIn({ session }: { session: UseQueryResult<SessionResponse> }) {
  if (session.data?.mode === 'proxy')
    return (
      <EmptyState title="Not signed in">
        <p>
          The sign-in proxy in front of this console did not say who you are. Reload the page to
          sign in again.
        </p>
        <button type="button" className="btn" onClick={() => window.location.reload()}>
          Reload
        </button>
      </EmptyState>
    );
  return <LoadingState label="Checking your session" />;
}

export function Layout() {
  const { session, ready, onSignIn } = useSessionGate();
  const location = useLocation();
  return (
    <div className="shell">
      <header className="topbar">
        <Link to="/" className="brand" aria-label="perses-cm home">
          <span className="brand-mark" aria-hidden="true">
            P
          </span>
          perses<span className="brand-cm">-cm</span>
        </Link>
        <ErrorBoundary section="Header">
          {ready && <TargetLabel />}
          <span className="topbar-spacer" />
          {ready && (
            <Link to="/audit" className="topbar-link">
              Audit log
            </Link>
          )}
          {ready && <ConnectionIndicator />}
          {session.data && <SessionBadge session={session.data} />}
        </ErrorBoundary>
      </header>
      {ready && <LiveUpdates />}
      <main className="main">
        <ErrorBoundary section="Page" resetKey={location.pathname}>
          {ready || onSignIn ? <Outlet /> : <NotSignedIn session={session} />}
        </ErrorBoundary>
      </main>
      <Toaster />
    </div>
  );
}
