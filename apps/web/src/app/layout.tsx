import { Link, Outlet, useLocation } from 'react-router';
import { ErrorBoundary } from '../components/error-boundary.tsx';
import { ThemeToggle } from '../components/theme-toggle.tsx';
import { Toaster } from '../components/toaster.tsx';
import { ConnectionIndicator } from '../features/session/components/connection-indicator.tsx';
import { TargetLabel } from '../features/session/components/target-label.tsx';
import { useLiveResources } from '../features/resources/hooks/use-live-resources.ts';

export function Layout() {
  useLiveResources();
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
          <TargetLabel />
          <span className="topbar-spacer" />
          <ConnectionIndicator />
          <ThemeToggle />
        </ErrorBoundary>
      </header>
      <main className="main">
        <ErrorBoundary section="Page" resetKey={location.pathname}>
          <Outlet />
        </ErrorBoundary>
      </main>
      <Toaster />
    </div>
  );
}
