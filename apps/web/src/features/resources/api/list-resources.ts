import { useQuery } from '@tanstack/react-query';
import { API, ListResourcesResponse } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { resourceKeys } from './keys.ts';

/** Every summary the server can see; filtering happens in the browser so typing stays instant. */
export function listResources(
  signal?: AbortSignal,
  opts: { unlabeled?: boolean } = {},
): Promise<ListResourcesResponse> {
  const query = opts.unlabeled ? { unlabeled: 'true' } : undefined;
  return request(API.resources, ListResourcesResponse, { signal, query });
}

/** The whole list. Live events patch this cache entry in place (see use-live-resources). */
export function useResources() {
  return useQuery({
    queryKey: resourceKeys.list(),
    queryFn: ({ signal }) => listResources(signal),
    staleTime: Infinity,
  });
}

// The server answers labeled and unlabeled ones alike; the labeled rows come from the live list.
const onlyUnlabeled = (d: ListResourcesResponse): ListResourcesResponse => ({
  ...d,
  items: d.items.filter((i) => i.unlabeled === true),
});

/**
 * Resources in ConfigMaps without the label, read-only, fetched only while `enabled`. No live
 * event ever carries them, so this entry keeps the default staleness: refetched on mount and
 * focus. The live resync invalidates it with every list (`resourceKeys.lists()`).
 */
export function useUnlabeledResources(enabled: boolean) {
  return useQuery({
    queryKey: resourceKeys.unlabeled(),
    queryFn: ({ signal }) => listResources(signal, { unlabeled: true }),
    select: onlyUnlabeled,
    enabled,
  });
}
