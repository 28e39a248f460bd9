// The requests the first page waits for, sent as the page starts, beside the app's code rather
// than after it: the session (every page) and, on the list page, the list of resources. No zod
// here: this runs before the schemas may be built (main.tsx); each answer is parsed later, by
// the code that would have asked for it (getSession, primeList), through readResponse.
import { API } from '@perses-cm/api/routes';

const early = new Map<string, Promise<Response | null>>();

/** A GET of the server's API, to be read through readResponse; null when it did not arrive. */
export function getResponse(path: string, signal?: AbortSignal): Promise<Response | null> {
  return fetch(path, { headers: { accept: 'application/json' }, signal }).catch(() => null);
}

function fetchEarly(path: string): void {
  early.set(path, getResponse(path));
}

export function fetchFirstRequests(): void {
  fetchEarly(API.session);
  if (window.location.pathname === '/') fetchEarly(API.resources);
}

/**
 * The early answer to `path`, once: null when none was asked for (or it was taken), a promise of
 * null when it failed to arrive.
 */
export function takeEarly(path: string): Promise<Response | null> | null {
  const p = early.get(path) ?? null;
  early.delete(path);
  return p;
}
