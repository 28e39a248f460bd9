import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api-client.ts';
import { signIn } from '../../../lib/session/get-session.ts';
import { sessionKeys } from '../../../lib/session/get-whoami.ts';
import { returnPath } from '../hooks/use-session-gate.ts';
import './session.css';

/**
 * Token-mode sign-in: a Kubernetes bearer token, or an OIDC id token the API server trusts. The
 * server checks it with the API server and keeps it; this page forgets it once sent.
 */
export function SignInPage() {
  const [token, setToken] = useState('');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const next = returnPath(params.get('next'));
  const mutation = useMutation({
    mutationFn: (t: string) => signIn(t),
    // Handled here, as the form's own message.
    meta: { handledCodes: ['unauthorized', 'bad_request', 'rate_limited'] },
    onSuccess: (session) => {
      setToken('');
      qc.setQueryData(sessionKeys.session(), session);
      // Everything read before belonged to nobody or to someone else.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'session' });
      void navigate(next, { replace: true });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (token.trim()) mutation.mutate(token.trim());
  };
  const error = mutation.error;
  return (
    <section className="page sign-in" aria-label="Sign in">
      <form className="sign-in-card" onSubmit={submit}>
        <h1>Sign in</h1>
        <p className="muted">
          Paste a Kubernetes token: a ServiceAccount token (<code>kubectl create token NAME</code>
          ), or an OIDC id token that the cluster's API server trusts. Kubernetes RBAC then decides
          what you may read and change. The console keeps the token on its server and never shows it
          again.
        </p>
        <label className="field">
          Token
          <textarea
            className="input sign-in-token"
            name="token"
            autoComplete="off"
            spellCheck={false}
            rows={4}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'sign-in-error' : undefined}
          />
        </label>
        {error && (
          <p id="sign-in-error" className="sign-in-error" role="alert">
            {isApiError(error, 'unauthorized')
              ? 'The Kubernetes API server does not accept this token.'
              : error.message}
          </p>
        )}
        <div className="sign-in-actions">
          {next !== '/' && <span className="muted">Then back to {next}</span>}
          <span className="spacer" />
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!token.trim() || mutation.isPending}
          >
            {mutation.isPending ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </section>
  );
}
