// Keeps the app behind sign-in in token mode: any 401 (the session ended, or never was) makes the
// session be asked again, and a browser that is not signed in is led to the sign-in page with
// the page it was on, so it comes back there (its drafts are in local storage).
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { onUnauthorized } from '../../../lib/api-client.ts';
import { stopEvents } from '../../../lib/event-stream.ts';
import { useSession } from '../../../lib/session/get-session.ts';
import { sessionKeys } from '../../../lib/session/get-whoami.ts';

export const SIGN_IN_PATH = '/sign-in';

/** The page to come back to after sign-in: only a path of this app, never another site. */
export function returnPath(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith(SIGN_IN_PATH)
    ? next
    : '/';
}

export function useSessionGate() {
  const session = useSession();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();

  useEffect(
    () => onUnauthorized(() => void qc.invalidateQueries({ queryKey: sessionKeys.session() })),
    [qc],
  );

  const data = session.data;
  const needsSignIn = data?.mode === 'token' && !data.signedIn;
  const onSignIn = location.pathname === SIGN_IN_PATH;
  useEffect(() => {
    if (!data || data.signedIn) return;
    stopEvents();
    if (needsSignIn && !onSignIn) {
      const next = `${location.pathname}${location.search}`;
      void navigate(`${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`, { replace: true });
    }
  }, [data, needsSignIn, onSignIn, location.pathname, location.search, navigate]);

  return {
    session,
    /** Signed in (or no sign-in needed); a session that cannot be read does not block the app. */
    ready: data ? data.signedIn : session.isError,
    onSignIn,
  };
}
