import type { RefObject } from 'react';
import type { ResourceDetail } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import { DiffEditor } from '../../../lib/monaco/diff-editor.tsx';
import { useServed } from '../api/get-served.ts';

interface Props {
  resource: ResourceDetail;
  editor: RefObject<CodeEditorHandle | null>;
  dirty: boolean;
  onClose: () => void;
  /** Perses's version is in the editor now. */
  onLoaded: () => void;
}

/**
 * A drift's way back: what Perses serves against this ConfigMap, side by side; loading it puts
 * it in the editor as one undoable edit, and the normal save (with its own review) writes it.
 */
export function TakeServedDialog({ resource, editor, dirty, onClose, onLoaded }: Props) {
  const { data, error, isPending, refetch } = useServed(resource.id, true);
  const load = () => {
    if (!data) return;
    editor.current?.replaceText(data.text);
    onLoaded();
  };
  return (
    <Dialog
      open
      title={`Take Perses's version of ${resource.kind} "${resource.name}"?`}
      onClose={onClose}
      size="xl"
      footer={
        <>
          <span className="muted" style={{ marginRight: 'auto' }}>
            Nothing is written until you save.
          </span>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!data || !data.differs}
            onClick={load}
          >
            {data && data.redacted.length > 0
              ? 'Load into the editor anyway'
              : 'Load into the editor'}
          </button>
        </>
      }
    >
      {isPending ? (
        <LoadingState label="Reading what Perses serves" />
      ) : !data ? (
        <ErrorState
          title="What Perses serves could not be read"
          error={error}
          onRetry={() => void refetch()}
        />
      ) : (
        <>
          {!data.differs && (
            <div className="banner banner-info" role="note">
              Perses now serves the same content as this ConfigMap: there is nothing to take.
            </div>
          )}
          {data.redacted.length > 0 && (
            <div className="banner banner-warn" role="alert">
              <strong>Perses hides secret values as &lt;secret&gt;.</strong> Taking this version
              would write that placeholder over the real values at:
              <ul>
                {data.redacted.map((p) => (
                  <li key={p}>
                    <code>{p}</code>
                  </li>
                ))}
              </ul>
            </div>
          )}
          {dirty && (
            <div className="banner banner-warn" role="note">
              Your unsaved edits are replaced (Ctrl+Z in the editor brings them back).
            </div>
          )}
          <div className="diff-labels">
            <span>This ConfigMap (version {resource.version})</span>
            <span>Perses serves</span>
          </div>
          <DiffEditor
            original={resource.text}
            modified={data.text}
            format={data.format}
            label="This ConfigMap against what Perses serves"
          />
        </>
      )}
    </Dialog>
  );
}
