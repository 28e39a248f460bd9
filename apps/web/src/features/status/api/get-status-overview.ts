import { useQuery } from '@tanstack/react-query';
import { API, StatusOverview } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { statusKeys } from './keys.ts';

export function getStatusOverview(signal?: AbortSignal): Promise<StatusOverview> {
  return request(API.status, StatusOverview, { signal });
}

/**
 * Counts, the Perses connection, the lag summary. Live: status, lag and orphan events invalidate
 * it (refetched only while the overview is on screen), a `perses` event patches its connection.
 */
export function useStatusOverview() {
  return useQuery({
    queryKey: statusKeys.overview(),
    queryFn: ({ signal }) => getStatusOverview(signal),
    staleTime: Infinity,
  });
}

/**
 * Only the Perses connection, for the header on every page: read once from the overview, then
 * replaced by each `perses` event, so the header never refetches the whole overview.
 */
export function usePersesConnection() {
  return useQuery({
    queryKey: statusKeys.connection(),
    queryFn: async ({ signal }) => (await getStatusOverview(signal)).perses,
    staleTime: Infinity,
  });
}
