import { useQuery, type QueryClient } from '@tanstack/react-query';
import { API, EVENT_ID_HEADER, ListResourcesResponse } from '@perses-cm/api';
import { ApiError, readResponse, request } from '../../../lib/api-client.ts';
import { getResponse, takeEarly } from '../../../lib/early-requests.ts';
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

/**
 * Puts the list asked for as the page started (early-requests) in the cache, for the list page to
 * find there, and resolves with the id of the newest event it reflects: the event stream resumes
 * from it, so nothing changed between the list and the stream is missed. Null when no list was
 * asked for early or it failed (the stream then starts where the server is).
 */
export async function primeList(qc: QueryClient): Promise<string | null> {
  const early = takeEarly(API.resources);
  if (!early) return null;
  let eventId: string | null = null;
  // Fetching from now on: a list page that mounts before the answer is in waits for this one.
  await qc.prefetchQuery({
    queryKey: resourceKeys.list(),
    queryFn: async ({ signal }) => {
      let res = await early;
      // Lost or refused, but not for want of a session: asked once more at once, as the list
      // page would, still keeping the position of what it reads.
      if (!res?.ok && res?.status !== 401) res = await getResponse(API.resources, signal);
      // Not signed in: the list page asks again once someone is (the session gate leads there).
      if (res?.status === 401)
        throw new ApiError(401, 'unauthorized', 'The list was asked for before sign-in.');
      if (!res) throw new ApiError(0, 'network', 'The server cannot be reached.');
      const list = await readResponse(res, API.resources, ListResourcesResponse);
      eventId = res.headers.get(EVENT_ID_HEADER);
      return list;
    },
    staleTime: Infinity,
    retry: false,
  });
  return eventId;
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
