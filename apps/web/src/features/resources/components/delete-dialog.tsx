import type { ResourceDetail } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';
import { useTypeToConfirm } from '../../../components/type-to-confirm.tsx';
import { ApplyNowBox, type ApplyNowChoice } from './apply-now-box.tsx';
import { storageLabel } from '../hooks/storage-label.ts';

interface Props {
  open: boolean;
  resource: ResourceDetail;
  deleting: boolean;
  onConfirm: () => void;
  onClose: () => void;
  /** Also delete it from Perses (apply now), so no orphan is left. */
  applyNow?: ApplyNowChoice;
}

export { storageLabel };

/** Names what is deleted and says that Perses keeps the resource (provisioning never deletes). */
export function DeleteDialog({ open, resource, deleting, onConfirm, onClose, applyNow }: Props) {
  const { field, confirmed: ok } = useTypeToConfirm(
    resource.name,
    'Resource name to confirm deletion',
  );
  const what = storageLabel(resource);
  return (
    <Dialog
      open={open}
      title={`Delete ${resource.kind} "${resource.name}"?`}
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
            onClick={onConfirm}
          >
            {deleting
              ? 'Deleting…'
              : `Delete ${resource.origin.type === 'configmap' ? 'ConfigMap' : 'file'}`}
          </button>
        </>
      }
    >
      <p style={{ margin: 0 }}>
        This deletes the <strong>{what}</strong>
        {resource.origin.type === 'configmap' && (
          <>
            {' '}
            (key <code>{resource.origin.key}</code>)
          </>
        )}
        .
      </p>
      <div className="banner banner-warn" role="note">
        Perses keeps the {resource.kind} after this: provisioning never deletes. Delete it in Perses
        too (below, or in its UI or API) or it stays there as an orphan.
      </div>
      {applyNow && (
        <ApplyNowBox
          choice={applyNow}
          label="Also delete from Perses"
          hint="Perses stops serving it at once: no orphan is left"
        />
      )}
      {field}
    </Dialog>
  );
}
