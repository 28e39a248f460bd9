import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { EditorPreviewContext } from '../components/editor-preview-slot.tsx';
import { createQueryClient } from '../lib/query-client.ts';
import { previewFor } from './editor-previews.tsx';
import { router } from './router.tsx';

const queryClient = createQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <EditorPreviewContext value={previewFor}>
        <RouterProvider router={router} />
      </EditorPreviewContext>
    </QueryClientProvider>
  );
}
