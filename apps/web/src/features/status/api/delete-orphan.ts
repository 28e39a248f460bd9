import { useMutation, useQueryClient } from '@tanstack/react-query';
import { API, type OrphansResponse } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { statusKeys } from './keys.ts';

export interface DeleteOrphanInput {
  id: string;
  /** The name as the user typed it: the server deletes only when it names this orphan. */
  confirm: string;
}

export function deleteOrphan({ id, confirm }: DeleteOrphanInput): Promise<void> {
  return request(API.orphan(id), null, { method: 'DELETE', query: { confirm } });
}

/**
 * Deletes an orphan from Perses. Removes its row at once and invalidates only the orphan list
 * (the server's `orphans` event would too); the overview's count follows from that event.
 */
export function useDeleteOrphan() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteOrphan,
    meta: { action: 'Delete from Perses' },
    onSuccess: (_void, input) => {
      qc.setQueryData<OrphansResponse>(statusKeys.orphans(), (old) =>
        old ? { ...old, items: old.items.filter((o) => o.id !== input.id) } : old,
      );
      void qc.invalidateQueries({ queryKey: statusKeys.orphans(), exact: true });
    },
  });
}
