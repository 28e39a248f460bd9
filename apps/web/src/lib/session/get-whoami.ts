import { useQuery } from '@tanstack/react-query';
import { API, WhoAmIResponse } from '@perses-cm/api';
import { request } from '../api-client.ts';

export const sessionKeys = {
  whoami: () => ['whoami'] as const,
  session: () => ['session'] as const,
};

export function getWhoAmI(signal?: AbortSignal): Promise<WhoAmIResponse> {
  return request(API.whoami, WhoAmIResponse, { signal });
}

/** The current identity, the target and what it may do per namespace. */
export function useWhoAmI() {
  return useQuery({
    queryKey: sessionKeys.whoami(),
    queryFn: ({ signal }) => getWhoAmI(signal),
    staleTime: 60_000,
  });
}
