import { useQuery } from '@tanstack/react-query';
import { API, ServedDocument } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { statusKeys } from './keys.ts';

export function getServed(id: string, signal?: AbortSignal): Promise<ServedDocument> {
  return request(API.statusServed(id), ServedDocument, { signal });
}

/**
 * What Perses serves for a resource, fetched while `enabled` (the "take Perses's version" review
 * is open) and read afresh each time it opens: Perses may change it again at any moment.
 */
export function useServed(id: string, enabled: boolean) {
  return useQuery({
    queryKey: statusKeys.served(id),
    queryFn: ({ signal }) => getServed(id, signal),
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}
