import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SessionResponse } from '@perses-cm/api';
import { signOut } from '../../../lib/session/get-session.ts';
import { sessionKeys } from '../../../lib/session/get-whoami.ts';
import { SIGNED_IN_WITH } from '../../../lib/session/identity-source.ts';
import './session.css';

/** Who you are and how you signed in; sign-out in token mode. */
export function SessionBadge({ session }: { session: SessionResponse }) {
  const qc = useQueryClient();
  const out = useMutation({
    mutationFn: signOut,
    meta: { action: 'Sign-out' },
    onSuccess: () => {
      // Nothing read as this person stays; the session gate then leads to the sign-in page.
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      void qc.invalidateQueries({ queryKey: sessionKeys.session() });
    },
  });
  const who = session.identity;
  if (!who) return null;
  const how = SIGNED_IN_WITH[who.source];
  return (
    <span
      className="session"
      aria-label={`Signed in as ${who.name} (${how})`}
      title={who.groups.length ? `Groups: ${who.groups.join(', ')}` : undefined}
    >
      <span className="session-user">{who.name}</span>
      <span className="session-how">{how}</span>
      {session.mode === 'token' && (
        <button
          type="button"
          className="btn btn-ghost session-out"
          onClick={() => out.mutate()}
          disabled={out.isPending}
        >
          Sign out
        </button>
      )}
    </span>
  );
}
