import { useState } from 'react';
import type { Orphan } from '@perses-cm/api';
import { KindBadge } from '../../../components/badges.tsx';
import { ErrorState, Spinner } from '../../../components/states.tsx';
import { formatTime } from '../../../lib/durations.ts';
import { permissionSomewhere } from '../../../lib/session/capabilities.ts';
import { useWhoAmI } from '../../../lib/session/get-whoami.ts';
import { useDeleteOrphan } from '../api/delete-orphan.ts';
import { useOrphans } from '../api/list-orphans.ts';
import { OrphanDeleteDialog, orphanLabel } from './orphan-delete-dialog.tsx';

/** Resources Perses serves with no ConfigMap behind them, each with a cleanup after confirmation. */
export function OrphanList({ now }: { now: number }) {
  const { data, error, isPending, refetch } = useOrphans();
  const del = useDeleteOrphan();
  const [confirming, setConfirming] = useState<Orphan | null>(null);
  const who = useWhoAmI();
  const mayDelete = who.error
    ? { allowed: false, reason: `permissions unknown: ${who.error.message}` }
    : permissionSomewhere(who.data, 'delete');
  // What Perses allows first (read-only, unreachable), then what this user may do.
  const blocked =
    data && !data.cleanup.possible
      ? (data.cleanup.reason ?? 'not possible')
      : mayDelete.allowed
        ? null
        : (mayDelete.reason ?? 'not allowed');
  return (
    <section className="panel" aria-label="Orphans" id="orphans">
      <h3>Orphans: served by Perses, defined by no ConfigMap</h3>
      <div className="panel-body">
        {isPending ? (
          <Spinner label="Loading the orphans" />
        ) : !data ? (
          <ErrorState
            title="The orphans could not be read"
            error={error}
            onRetry={() => void refetch()}
          />
        ) : (
          <>
            {blocked && data.items.length > 0 && (
              <div className="banner banner-info" role="note">
                Cleanup is not possible: {blocked}
              </div>
            )}
            {data.scopeNote && <p className="muted">{data.scopeNote}</p>}
            {data.items.length === 0 ? (
              <p className="muted">None: every resource Perses serves has its ConfigMap.</p>
            ) : (
              <ul className="orphans">
                {data.items.map((o) => (
                  <li key={o.id} className="orphan" aria-label={orphanLabel(o)}>
                    <KindBadge kind={o.kind} />
                    <span className="orphan-name">
                      {o.project && <span className="muted">{o.project}/</span>}
                      <strong>{o.name}</strong>
                    </span>
                    <span className="orphan-meta muted">
                      {o.lastSeen
                        ? `was ${o.lastSeen.configMapName ? `${o.lastSeen.namespace ?? ''}/${o.lastSeen.configMapName} · ` : ''}${o.lastSeen.key}, gone ${formatTime(o.lastSeen.goneAt, now)}`
                        : o.updatedAt
                          ? `updated ${formatTime(o.updatedAt, now)}`
                          : ''}
                      {o.contains !== null && o.contains > 0 && ` · holds ${o.contains}`}
                    </span>
                    <span className="spacer" />
                    {o.persesUrl && (
                      <a href={o.persesUrl} target="_blank" rel="noreferrer">
                        Open in Perses <span aria-hidden="true">↗</span>
                      </a>
                    )}
                    <button
                      type="button"
                      className="btn btn-danger"
                      disabled={Boolean(blocked)}
                      title={blocked ?? 'Delete it from Perses, after a confirmation'}
                      aria-label={
                        blocked
                          ? `Delete ${orphanLabel(o)} from Perses (disabled: ${blocked})`
                          : `Delete ${orphanLabel(o)} from Perses`
                      }
                      onClick={() => setConfirming(o)}
                    >
                      Delete…
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      {confirming && (
        <OrphanDeleteDialog
          orphan={confirming}
          deleting={del.isPending}
          onConfirm={(typed) =>
            del.mutate(
              { id: confirming.id, confirm: typed },
              { onSettled: () => setConfirming(null) },
            )
          }
          onClose={() => setConfirming(null)}
        />
      )}
    </section>
  );
}
