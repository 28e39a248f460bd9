import type { Orphan } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';
import { useTypeToConfirm } from '../../../components/type-to-confirm.tsx';

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
  const {
    field,
    typed,
    confirmed: ok,
  } = useTypeToConfirm(orphan.name, 'Name to confirm the deletion from Perses');
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
      {field}
    </Dialog>
  );
}
