import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { EditorPreviewContext } from '../components/editor-preview-slot.tsx';
import { primeList } from '../features/resources/api/list-resources.ts';
import { openEventsAfter } from '../lib/event-stream.ts';
import { createQueryClient } from '../lib/query-client.ts';
import { previewFor } from './editor-previews.tsx';
import { router } from './router.tsx';

const queryClient = createQueryClient();
// The list main.tsx asked for as the page started goes to the cache, and the live stream opens
// from the position that list reflects.
openEventsAfter(primeList(queryClient));

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <EditorPreviewContext value={previewFor}>
        <RouterProvider router={router} />
      </EditorPreviewContext>
    </QueryClientProvider>
  );
}
