import { useMemo } from 'react';
import type { DocFormat, LastChange } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';
import { DiffEditor } from '../../../lib/monaco/diff-editor.tsx';
import { threeWayMerge, type MergeOutcome } from '../hooks/three-way-merge.ts';
import { LastChangeText } from './last-change.tsx';

export interface ConflictVersions {
  base: string;
  stored: string | null;
  storedVersion: string | null;
  yours: string;
  /** Who wrote the stored version, and when. */
  storedChange?: LastChange | null;
}

interface Props {
  open: boolean;
  versions: ConflictVersions;
  format: DocFormat;
  onTakeStored: () => void;
  onKeepMine: () => void;
  /** Loads the merge into the editor (conflicts, if any, marked) on top of the stored version. */
  onMerge: (merged: MergeOutcome) => void;
  onKeepEditing: () => void;
}

/**
 * The resource changed under the user. Says who changed it and when, shows their change and the
 * user's as inline diffs with long lines wrapped, and offers a three-way merge: clean when the two
 * changes touch different lines, otherwise with the overlapping lines marked in the editor. The
 * user's text is never dropped (every choice is one undoable edit; the draft stays until a save).
 */
export function ConflictDialog(props: Props) {
  const { open, versions, format, onTakeStored, onKeepMine, onMerge, onKeepEditing } = props;
  const deleted = versions.stored === null;
  const label = versions.storedVersion
    ? `stored (version ${versions.storedVersion.slice(0, 10)})`
    : 'stored';
  const merged = useMemo(
    () =>
      open && versions.stored !== null
        ? threeWayMerge(versions.base, versions.stored, versions.yours, label)
        : null,
    [open, versions.base, versions.stored, versions.yours, label],
  );
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
            <button type="button" className="btn" onClick={onKeepMine}>
              Keep mine (save over stored)
            </button>
          )}
          {merged && (
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => onMerge(merged)}
              title={
                merged.conflicts === 0
                  ? 'Both changes touch different lines: take both, then review'
                  : `${merged.conflicts} place(s) changed on both sides: they are marked in the editor for you to resolve`
              }
            >
              {merged.conflicts === 0
                ? 'Merge both changes'
                : `Merge, mark ${merged.conflicts} conflict${merged.conflicts === 1 ? '' : 's'}`}
            </button>
          )}
        </>
      }
    >
      <p style={{ margin: 0 }}>
        {deleted
          ? 'This resource was deleted while you were editing it. Your text is still in the editor and in your draft.'
          : 'Someone saved this resource after you started editing. Your text stays in the editor until you choose.'}{' '}
        {!deleted && <LastChangeText change={versions.storedChange} prefix="Changed by" />}
      </p>
      {merged && (
        <p className="muted" role="status" style={{ margin: 0 }}>
          {merged.conflicts === 0
            ? 'Your change and theirs touch different lines: Merge takes both.'
            : `Your change and theirs overlap in ${merged.conflicts} place${merged.conflicts === 1 ? '' : 's'}: Merge marks them in the editor (yours first), and saving waits until they are resolved.`}
        </p>
      )}
      {open && (
        <div className="three-way">
          <div className="pane">
            <div className="pane-head">
              Their change <span>— what you started from → {label}</span>
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
              Your change <span>— what you started from → yours</span>
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
              Result if you keep yours <span>— {label} → yours</span>
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
