import {
  Suspense,
  createContext,
  useContext,
  useState,
  type ComponentType,
  type ReactNode,
  type RefObject,
} from 'react';
import type { DocFormat } from '@perses-cm/api';
import type { CodeEditorHandle } from '../lib/monaco/code-editor.tsx';
import { useMediaQuery } from '../lib/use-media-query.ts';
import { ErrorBoundary } from './error-boundary.tsx';
import { Spinner } from './states.tsx';
import './editor-preview-slot.css';

/** What a preview drawn beside the editor gets: the live text and a handle on the editor. */
export interface EditorPreviewProps {
  kind: string;
  text: string;
  format: DocFormat;
  readOnly: boolean;
  editor: RefObject<CodeEditorHandle | null>;
  /** Perses's base URL when known: the preview then links to the resource there. */
  persesUrl?: string;
}

/** The preview for a kind, or null. The app fills it in, so features need not know each other. */
export type PreviewFor = (kind: string) => ComponentType<EditorPreviewProps> | null;

export const EditorPreviewContext = createContext<PreviewFor>(() => null);

// Below this width the editor and the preview share the space as tabs (keep in step with the CSS).
const NARROW = '(max-width: 1099px)';

/**
 * The editor alone, or, for a kind that has a preview, the editor and its preview: side by side
 * on a wide screen, as two tabs on a narrow one. Both stay mounted, so Monaco keeps its state and
 * the preview keeps up with the text.
 */
export function EditorWithPreview(props: EditorPreviewProps & { children: ReactNode }) {
  const { children, ...previewProps } = props;
  const Preview = useContext(EditorPreviewContext)(props.kind);
  const narrow = useMediaQuery(NARROW);
  const [tab, setTab] = useState<'editor' | 'preview'>('editor');
  if (!Preview) return children;
  const pane = (id: typeof tab, content: ReactNode) => (
    <div
      className={`split-pane split-${id}`}
      id={`split-pane-${id}`}
      {...(narrow
        ? { role: 'tabpanel', 'aria-labelledby': `split-tab-${id}`, hidden: tab !== id }
        : {})}
    >
      {content}
    </div>
  );
  return (
    <div className="editor-split" data-layout={narrow ? 'tabs' : 'side-by-side'}>
      {narrow && (
        <div className="split-tabs" role="tablist" aria-label="Editor or preview">
          {(['editor', 'preview'] as const).map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              id={`split-tab-${id}`}
              aria-selected={tab === id}
              aria-controls={`split-pane-${id}`}
              className="split-tab"
              onClick={() => setTab(id)}
            >
              {id === 'editor' ? 'Editor' : 'Preview'}
            </button>
          ))}
        </div>
      )}
      {pane('editor', children)}
      {pane(
        'preview',
        <ErrorBoundary section="Preview">
          <Suspense
            fallback={
              <div className="state">
                <Spinner label="Loading the preview" />
              </div>
            }
          >
            <Preview {...previewProps} />
          </Suspense>
        </ErrorBoundary>,
      )}
    </div>
  );
}
