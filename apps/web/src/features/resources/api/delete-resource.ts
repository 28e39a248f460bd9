import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  API,
  DeleteResourceResponse,
  type ApplyOutcome,
  type ListResourcesResponse,
} from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { resourceKeys } from './keys.ts';

export interface DeleteInput {
  id: string;
  version: string;
  /** Also delete it from Perses; the answer then says what Perses did. */
  applyNow?: boolean;
}

export async function deleteResource({
  id,
  version,
  applyNow,
}: DeleteInput): Promise<ApplyOutcome | null> {
  if (!applyNow) {
    await request(API.resource(id), null, { method: 'DELETE', query: { version } });
    return null;
  }
  const res = await request(API.resource(id), DeleteResourceResponse, {
    method: 'DELETE',
    query: { version, applyNow: 'true' },
  });
  return res.applied;
}

/** Deletes a resource; drops its row from the list and forgets its detail entry. */
export function useDeleteResource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteResource,
    meta: { action: 'Delete' },
    onSuccess: (_v, { id }) => {
      qc.setQueryData<ListResourcesResponse>(resourceKeys.list(), (old) =>
        old ? { ...old, items: old.items.filter((i) => i.id !== id) } : old,
      );
      qc.removeQueries({ queryKey: resourceKeys.detail(id), exact: true });
    },
  });
}
