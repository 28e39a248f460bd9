import type { DocFormat } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';
import { DiffEditor } from '../../../lib/monaco/diff-editor.tsx';

export interface ConflictVersions {
  base: string;
  stored: string | null;
  storedVersion: string | null;
  yours: string;
}

interface Props {
  open: boolean;
  versions: ConflictVersions;
  format: DocFormat;
  onTakeStored: () => void;
  onKeepMine: () => void;
  onKeepEditing: () => void;
}

/**
 * The resource changed under the user. Shows what they started from, what is stored now and
 * their edit (as two diffs against the base), and lets them choose; their text is never dropped
 * (taking the stored version is one undoable edit, and the draft is kept until a save).
 */
export function ConflictDialog(props: Props) {
  const { open, versions, format, onTakeStored, onKeepMine, onKeepEditing } = props;
  const deleted = versions.stored === null;
  return (
    <Dialog
      open={open}
      title={deleted ? 'Deleted by someone else' : 'Changed by someone else'}
      onClose={onKeepEditing}
      size="xl"
      footer={
        <>
          <button type="button" className="btn" onClick={onKeepEditing}>
            Keep editing
          </button>
          {!deleted && (
            <button type="button" className="btn" onClick={onTakeStored}>
              Take theirs (load stored version)
            </button>
          )}
          {!deleted && (
            <button type="button" className="btn btn-primary" onClick={onKeepMine}>
              Keep mine (save over stored)
            </button>
          )}
        </>
      }
    >
      <p style={{ margin: 0 }}>
        {deleted
          ? 'This resource was deleted while you were editing it. Your text is still in the editor and in your draft.'
          : 'Someone saved this resource after you started editing. Compare the three versions, then pick one. Your text stays in the editor until you choose.'}
      </p>
      {open && (
        <div className="three-way">
          <div className="pane">
            <div className="pane-head">
              Their change{' '}
              <span>
                — base → stored
                {versions.storedVersion ? ` (version ${versions.storedVersion.slice(0, 10)})` : ''}
              </span>
            </div>
            <DiffEditor
              original={versions.base}
              modified={versions.stored ?? ''}
              format={format}
              inline
              label="Their change: base compared with stored"
            />
          </div>
          <div className="pane">
            <div className="pane-head">
              Your change <span>— base → yours</span>
            </div>
            <DiffEditor
              original={versions.base}
              modified={versions.yours}
              format={format}
              inline
              label="Your change: base compared with your edit"
            />
          </div>
          <div className="pane">
            <div className="pane-head">
              Result if you keep yours <span>— stored → yours</span>
            </div>
            <DiffEditor
              original={versions.stored ?? ''}
              modified={versions.yours}
              format={format}
              inline
              label="Stored compared with your edit"
            />
          </div>
        </div>
      )}
    </Dialog>
  );
}
