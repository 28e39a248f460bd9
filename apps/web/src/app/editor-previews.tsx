import { lazy } from 'react';
import type { EditorPreviewProps, PreviewFor } from '../components/editor-preview-slot.tsx';
import { usePersesConnection } from '../features/status/api/get-status-overview.ts';

// Previews load with the first editor that needs one: their code is not in the initial bundle.
const DashboardPreview = lazy(
  () => import('../features/dashboard-preview/components/dashboard-preview.tsx'),
);

/** The dashboard preview, linking into the Perses UI when the status knows its address. */
function LinkedDashboardPreview(props: EditorPreviewProps) {
  const connection = usePersesConnection();
  return <DashboardPreview {...props} persesUrl={connection.data?.found.uiUrl ?? undefined} />;
}

/** Which kinds the editor draws beside their text. */
export const previewFor: PreviewFor = (kind) =>
  kind === 'Dashboard' ? LinkedDashboardPreview : null;
