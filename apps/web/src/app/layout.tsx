import { Link, NavLink, Outlet, useLocation } from 'react-router';
import type { UseQueryResult } from '@tanstack/react-query';
import type { SessionResponse } from '@perses-cm/api';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { ResourceStatusContext } from '../components/resource-status-slot.tsx';
import { ThemeToggle } from '../components/theme-toggle.tsx';
import { EmptyState, LoadingState } from '../components/states.tsx';
import { Toaster } from '../components/toaster.tsx';
import { ConnectionIndicator } from '../features/session/components/connection-indicator.tsx';
import { SessionBadge } from '../features/session/components/session-badge.tsx';
import { TargetLabel } from '../features/session/components/target-label.tsx';
import { useSessionGate } from '../features/session/hooks/use-session-gate.ts';
import { useLiveResources } from '../features/resources/hooks/use-live-resources.ts';
import { PersesIndicator } from '../features/status/components/perses-indicator.tsx';
import { useLiveStatus } from '../features/status/hooks/use-live-status.ts';
import { ResourceStatusPanel } from './resource-status.ts';

/** The live event stream, open only while someone is signed in (the server refuses it else). */
function LiveUpdates() {
  useLiveResources();
  useLiveStatus();
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
        <nav className="topnav" aria-label="Main">
          <NavLink to="/" end>
            Resources
          </NavLink>
          <NavLink to="/overview">Overview</NavLink>
          <NavLink to="/settings">Settings</NavLink>
        </nav>
        <ErrorBoundary section="Header">
          {ready && <TargetLabel />}
          <span className="topbar-spacer" />
          {ready && (
            <Link to="/audit" className="topbar-link">
              Audit log
            </Link>
          )}
          {ready && <PersesIndicator />}
          {ready && <ConnectionIndicator />}
          {session.data && <SessionBadge session={session.data} />}
          <ThemeToggle />
        </ErrorBoundary>
      </header>
      {ready && <LiveUpdates />}
      <main className="main">
        <ErrorBoundary section="Page" resetKey={location.pathname}>
          {ready || onSignIn ? (
            <ResourceStatusContext value={ResourceStatusPanel}>
              <Outlet />
            </ResourceStatusContext>
          ) : (
            <NotSignedIn session={session} />
          )}
        </ErrorBoundary>
      </main>
      <Toaster />
    </div>
  );
}
