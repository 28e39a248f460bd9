import { Suspense, createContext, useContext, type ComponentType, type RefObject } from 'react';
import type { ResourceDetail } from '@perses-cm/api';
import type { CodeEditorHandle } from '../lib/monaco/code-editor.tsx';
import { ErrorBoundary } from './error-boundary.tsx';
import { Spinner } from './states.tsx';

/** What the resource page hands to the status panel drawn above its editor. */
export interface ResourceStatusProps {
  resource: ResourceDetail;
  /** Taking Perses's version loads it here as one undoable edit; the normal save follows. */
  editor: RefObject<CodeEditorHandle | null>;
  /** Why this user cannot save here (null: they can). */
  readOnlyReason: string | null;
  /** The editor holds unsaved text. */
  dirty: boolean;
}

/** The app fills it in, so the resource pages need not know the status feature. */
export const ResourceStatusContext = createContext<ComponentType<ResourceStatusProps> | null>(null);

/** Where the resource page shows the provisioning status; nothing when the app gives none. */
export function ResourceStatusSlot(props: ResourceStatusProps) {
  const Panel = useContext(ResourceStatusContext);
  if (!Panel) return null;
  return (
    <ErrorBoundary section="Provisioning status" resetKey={props.resource.id}>
      <Suspense fallback={<Spinner label="Loading the provisioning status" />}>
        <Panel {...props} />
      </Suspense>
    </ErrorBoundary>
  );
}
