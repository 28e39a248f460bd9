import { useQuery } from '@tanstack/react-query';
import { API, OrphansResponse } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { statusKeys } from './keys.ts';

export function listOrphans(signal?: AbortSignal): Promise<OrphansResponse> {
  return request(API.orphans, OrphansResponse, { signal });
}

/** What Perses serves with no ConfigMap behind it. An `orphans` event invalidates it. */
export function useOrphans() {
  return useQuery({
    queryKey: statusKeys.orphans(),
    queryFn: ({ signal }) => listOrphans(signal),
    staleTime: Infinity,
  });
}
