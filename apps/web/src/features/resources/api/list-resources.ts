import { useQuery } from '@tanstack/react-query';
import { API, ListResourcesResponse } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { resourceKeys } from './keys.ts';

/** Every summary the server can see; filtering happens in the browser so typing stays instant. */
export function listResources(signal?: AbortSignal): Promise<ListResourcesResponse> {
  return request(API.resources, ListResourcesResponse, { signal });
}

/** The whole list. Live events patch this cache entry in place (see use-live-resources). */
export function useResources() {
  return useQuery({
    queryKey: resourceKeys.list(),
    queryFn: ({ signal }) => listResources(signal),
    staleTime: Infinity,
  });
}
