import { useNavigate } from 'react-router';
import type { ResourceDetail } from '@perses-cm/api';
import { showToast } from '../../../lib/toast-store.ts';
import { useDeleteResource } from '../api/delete-resource.ts';
import { storageLabel } from '../hooks/storage-label.ts';
import type { ApplyNowChoice } from './apply-now-box.tsx';
import { DeleteDialog } from './delete-dialog.tsx';

interface Props {
  stored: ResourceDetail;
  applyNow: ApplyNowChoice;
  /** Whether the delete goes to Perses too. */
  applying: boolean;
  /** The list's filters, to go back to once the resource is gone. */
  backSearch: string;
  /** Deleted: the draft of the text has nothing left to restore to. */
  onDeleted: () => void;
  onClose: () => void;
}

/** The editor's delete: says what Perses did, then goes back to the list. */
export function EditorDeleteDialog(props: Props) {
  const { stored, applyNow, applying, backSearch, onDeleted, onClose } = props;
  const navigate = useNavigate();
  const del = useDeleteResource();
  const confirm = () =>
    del.mutate(
      { id: stored.id, version: stored.version, applyNow: applying },
      {
        onSuccess: (applied) => {
          onDeleted();
          showToast({
            tone: !applied || applied.outcome === 'applied' ? 'success' : 'info',
            title: 'Deleted',
            message: `${storageLabel(stored)} deleted. ${applied ? `${applied.message}.` : 'Delete it in Perses too.'}`,
          });
          void navigate({ pathname: '/', search: backSearch });
        },
        onSettled: onClose,
      },
    );
  return (
    <DeleteDialog
      open
      resource={stored}
      deleting={del.isPending}
      onConfirm={confirm}
      applyNow={applyNow}
      onClose={onClose}
    />
  );
}
