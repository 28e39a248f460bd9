import { useState } from 'react';
import type { Orphan } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';

export function orphanLabel(o: Orphan): string {
  return `${o.kind} "${o.project ? `${o.project}/` : ''}${o.name}"`;
}

interface Props {
  orphan: Orphan;
  deleting: boolean;
  onConfirm: (typed: string) => void;
  onClose: () => void;
}

/** Names what goes from Perses, and what goes with it, and asks for its name to be typed. */
export function OrphanDeleteDialog({ orphan, deleting, onConfirm, onClose }: Props) {
  const [typed, setTyped] = useState('');
  const ok = typed === orphan.name;
  return (
    <Dialog
      open
      title={`Delete ${orphanLabel(orphan)} from Perses?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-danger solid"
            disabled={!ok || deleting}
            onClick={() => onConfirm(typed)}
          >
            {deleting ? 'Deleting…' : 'Delete from Perses'}
          </button>
        </>
      }
    >
      <p style={{ margin: 0 }}>
        Perses serves this {orphan.kind} but no ConfigMap defines it, so provisioning will never
        remove it. This deletes it through the Perses API; nothing in Kubernetes changes.
      </p>
      {orphan.kind === 'Project' && (orphan.contains ?? 0) > 0 && (
        <div className="banner banner-warn" role="note">
          Deleting the project also deletes the {orphan.contains} resource
          {orphan.contains === 1 ? '' : 's'} Perses serves in it.
        </div>
      )}
      <label className="field">
        <span>
          Type <code>{orphan.name}</code> to confirm
        </span>
        <input
          className="input"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          aria-label="Name to confirm the deletion from Perses"
          autoFocus
        />
      </label>
    </Dialog>
  );
}
