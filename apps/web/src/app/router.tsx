import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoadingState } from '../components/states.tsx';
import { SignInPage } from '../features/session/components/sign-in-page.tsx';
import { SIGN_IN_PATH } from '../features/session/hooks/use-session-gate.ts';
import { ListPage } from './list-page.tsx';
import { Layout } from './layout.tsx';

// The editor pages carry Monaco: they are separate chunks, loaded when first opened.
const ResourceEditorPage = lazy(
  () => import('../features/resources/components/resource-editor-page.tsx'),
);
const CreateResourcePage = lazy(
  () => import('../features/resources/components/create-resource-page.tsx'),
);
const AuditPage = lazy(() => import('../features/audit/components/audit-page.tsx'));
// The overview carries its own chunk; its chart library loads later still, with the first chart.
const OverviewPage = lazy(() => import('../features/status/components/overview-page.tsx'));
const SettingsPage = lazy(() => import('../features/settings/components/settings-page.tsx'));

const editorFallback = <LoadingState label="Loading the editor" />;

export const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { index: true, element: <ListPage /> },
      {
        path: 'resources/:id',
        element: (
          <Suspense fallback={editorFallback}>
            <ResourceEditorPage />
          </Suspense>
        ),
      },
      {
        path: 'new',
        element: (
          <Suspense fallback={editorFallback}>
            <CreateResourcePage />
          </Suspense>
        ),
      },
      { path: SIGN_IN_PATH.slice(1), element: <SignInPage /> },
      {
        path: 'audit',
        element: (
          <Suspense fallback={<LoadingState label="Loading the audit log" />}>
            <AuditPage />
          </Suspense>
        ),
      },
      {
        path: 'overview',
        element: (
          <Suspense fallback={<LoadingState label="Loading the overview" />}>
            <OverviewPage />
          </Suspense>
        ),
      },
      {
        path: 'settings',
        element: (
          <Suspense fallback={<LoadingState label="Loading the settings" />}>
            <SettingsPage />
          </Suspense>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

function NotFound() {
  return (
    <div className="state">
      <h2>Page not found</h2>
      <a href="/">Back to the resource list</a>
    </div>
  );
}
