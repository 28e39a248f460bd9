import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoadingState } from '../components/states.tsx';
import { ListPage } from './list-page.tsx';
import { Layout } from './layout.tsx';

// The editor pages carry Monaco: they are separate chunks, loaded when first opened.
const ResourceEditorPage = lazy(
  () => import('../features/resources/components/resource-editor-page.tsx'),
);
const CreateResourcePage = lazy(
  () => import('../features/resources/components/create-resource-page.tsx'),
);

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
