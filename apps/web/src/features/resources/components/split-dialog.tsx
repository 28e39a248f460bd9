import { useNavigate } from 'react-router';
import type { ResourceDetail } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';
import { formatBytes } from '../../../components/badges.tsx';
import { showToast } from '../../../lib/toast-store.ts';
import { useSplitPlan, useSplitResource } from '../api/split-resource.ts';

/**
 * "Split into one ConfigMap per resource": the plan first (where each resource of the list goes,
 * or why it cannot), then the split, after which the editor opens the chosen resource on its own.
 */
export function SplitDialog({
  resource,
  onClose,
}: {
  resource: ResourceDetail;
  onClose: () => void;
}) {
  const plan = useSplitPlan(resource.id, true);
  const split = useSplitResource();
  const navigate = useNavigate();
  const file = resource.origin.type === 'file';
  const apply = () => {
    const p = plan.data;
    if (!p) return;
    split.mutate(
      { id: resource.id, version: p.version },
      {
        onSuccess: ({ created }) => {
          showToast({
            tone: 'success',
            title: 'Split',
            message: `${created.length} resource${created.length === 1 ? '' : 's'} now stored on ${file ? 'their own files' : 'their own ConfigMaps'}; ${p.source} removed.`,
          });
          const same = created.find((c) => c.kind === resource.kind && c.name === resource.name);
          onClose();
          if (same) void navigate(`/resources/${encodeURIComponent(same.id)}`);
        },
      },
    );
  };
  return (
    <Dialog
      open
      title={`Split into one ${file ? 'file' : 'ConfigMap'} per resource`}
      onClose={onClose}
      size="lg"
      footer={
        <>
          <span className="muted" style={{ marginRight: 'auto' }} role="status">
            {plan.data?.refused ?? (plan.data ? `Then removes ${plan.data.source}.` : 'Planning…')}
          </span>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!plan.data || plan.data.refused !== null || split.isPending}
            title={plan.data?.refused ?? undefined}
            onClick={apply}
          >
            {split.isPending ? 'Splitting…' : 'Split'}
          </button>
        </>
      }
    >
      {plan.error && <p role="alert">{(plan.error as Error).message}</p>}
      {plan.data && (
        <table className="plan-table" aria-label="Split plan">
          <thead>
            <tr>
              <th>Resource</th>
              <th>Size</th>
              <th>Stored as</th>
            </tr>
          </thead>
          <tbody>
            {plan.data.items.map((i, n) => (
              <tr key={n}>
                <td>
                  {i.kind} {i.project ? `${i.project}/` : ''}
                  {i.name}
                </td>
                <td className="num">{formatBytes(i.sizeBytes)}</td>
                <td className="mono">
                  {i.problem ? (
                    <span className="text-error">{i.problem}</span>
                  ) : i.target?.type === 'configmap' ? (
                    `${i.target.namespace}/${i.target.name} · ${i.target.key}`
                  ) : (
                    i.target?.path
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
