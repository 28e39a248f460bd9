import { useQuery } from '@tanstack/react-query';
import { API, ResourceDetail } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { resourceKeys } from './keys.ts';

export function getResource(id: string, signal?: AbortSignal): Promise<ResourceDetail> {
  return request(API.resource(id), ResourceDetail, { signal });
}

/** One resource as stored. Refetched when a live event reports a new version of it. */
export function useResource(id: string) {
  return useQuery({
    queryKey: resourceKeys.detail(id),
    queryFn: ({ signal }) => getResource(id, signal),
    staleTime: Infinity,
  });
}
