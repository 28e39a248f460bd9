// The session: how this console signs people in, and whether this browser is signed in. In
// token mode, sign-in sends the token once; the server keeps it and answers with a cookie the
// page cannot read.
import { useQuery } from '@tanstack/react-query';
import { API, SessionResponse } from '@perses-cm/api';
import { readResponse, request } from '../api-client.ts';
import { takeEarly } from '../early-requests.ts';
import { sessionKeys } from './get-whoami.ts';

/** The first time, the answer main.tsx asked for as the page started (early-requests). */
export async function getSession(signal?: AbortSignal): Promise<SessionResponse> {
  const early = await takeEarly(API.session);
  if (early) return readResponse(early, API.session, SessionResponse);
  return request(API.session, SessionResponse, { signal });
}

/** The auth mode and who is signed in; refetched after any 401. */
export function useSession() {
  return useQuery({
    queryKey: sessionKeys.session(),
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 60_000,
    retry: false,
  });
}

export function signIn(token: string): Promise<SessionResponse> {
  return request(API.session, SessionResponse, { method: 'POST', body: { token } });
}

export function signOut(): Promise<void> {
  return request(API.session, null, { method: 'DELETE' });
}
