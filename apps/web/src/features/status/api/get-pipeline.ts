import { useQuery } from '@tanstack/react-query';
import { API, ResourcePipeline } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { statusKeys } from './keys.ts';

export function getPipeline(id: string, signal?: AbortSignal): Promise<ResourcePipeline> {
  return request(API.statusResource(id), ResourcePipeline, { signal });
}

/** One resource's way to Perses. A status event naming it invalidates this entry. */
export function usePipeline(id: string) {
  return useQuery({
    queryKey: statusKeys.pipeline(id),
    queryFn: ({ signal }) => getPipeline(id, signal),
    staleTime: Infinity,
  });
}
