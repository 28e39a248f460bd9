import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API, SplitPlan, SplitResponse } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { resourceKeys } from './keys.ts';

/** What splitting the list holding resource `id` would write; fetched only while `enabled`. */
export function useSplitPlan(id: string, enabled: boolean) {
  return useQuery({
    queryKey: resourceKeys.split(id),
    queryFn: ({ signal }) => request(API.split(id), SplitPlan, { signal }),
    enabled,
    staleTime: 0,
    retry: false,
  });
}

/**
 * Stores each resource of the list on its own and removes the list. Live events bring the new
 * rows and drop the old ones; the list is refetched as well, as the ids of a whole key change.
 */
export function useSplitResource() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: string }) =>
      request(API.split(id), SplitResponse, { method: 'POST', body: { version } }),
    meta: { action: 'Split' },
    onSuccess: () => void qc.invalidateQueries({ queryKey: resourceKeys.lists() }),
  });
}
