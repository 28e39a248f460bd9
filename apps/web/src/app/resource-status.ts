import { lazy } from 'react';

// The provisioning panel of the resource page, filled into its status slot. It loads with the
// editor's chunk when first needed: its code (and the drift diff's) is not in the initial bundle.
export const ResourceStatusPanel = lazy(
  () => import('../features/status/components/pipeline-panel.tsx'),
);
