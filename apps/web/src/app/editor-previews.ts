import { lazy } from 'react';
import type { PreviewFor } from '../components/editor-preview-slot.tsx';

// Previews load with the first editor that needs one: their code is not in the initial bundle.
const DashboardPreview = lazy(
  () => import('../features/dashboard-preview/components/dashboard-preview.tsx'),
);

/** Which kinds the editor draws beside their text. */
export const previewFor: PreviewFor = (kind) => (kind === 'Dashboard' ? DashboardPreview : null);
