import { Link, NavLink, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { ResourceStatusContext } from '../components/resource-status-slot.tsx';
import { Toaster } from '../components/toaster.tsx';
import { ConnectionIndicator } from '../features/session/components/connection-indicator.tsx';
import { TargetLabel } from '../features/session/components/target-label.tsx';
import { useLiveResources } from '../features/resources/hooks/use-live-resources.ts';
import { PersesIndicator } from '../features/status/components/perses-indicator.tsx';
import { useLiveStatus } from '../features/status/hooks/use-live-status.ts';
import { ResourceStatusPanel } from './resource-status.ts';

export function Layout() {
  useLiveResources();
  useLiveStatus();
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
        </nav>
        <ErrorBoundary section="Header">
          <TargetLabel />
          <span className="topbar-spacer" />
          <PersesIndicator />
          <ConnectionIndicator />
        </ErrorBoundary>
      </header>
      <main className="main">
        <ErrorBoundary section="Page" resetKey={location.pathname}>
          <ResourceStatusContext value={ResourceStatusPanel}>
            <Outlet />
          </ResourceStatusContext>
        </ErrorBoundary>
      </main>
      <Toaster />
    </div>
  );
}
