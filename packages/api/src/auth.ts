import { z } from 'zod';

/**
 * How people reach the console: `local` (it acts as its own kubeconfig or ServiceAccount, like
 * `kubectl proxy`), `proxy` (behind an auth proxy; Kubernetes is called impersonating each user)
 * or `token` (each user signs in with a Kubernetes bearer or OIDC id token).
 */
export const AuthMode = z.enum(['local', 'proxy', 'token']);
export type AuthMode = z.infer<typeof AuthMode>;

/** How the caller's identity was established. */
export const IdentitySource = z.enum(['kubeconfig', 'in-cluster', 'directory', 'proxy', 'token']);
export type IdentitySource = z.infer<typeof IdentitySource>;

export const IdentityInfo = z.object({
  name: z.string(),
  groups: z.array(z.string()),
  source: IdentitySource,
});
export type IdentityInfo = z.infer<typeof IdentityInfo>;

/**
 * Every state-changing request (POST, PUT, PATCH, DELETE) must carry this header: a page on
 * another site cannot add it without a CORS preflight the server never grants.
 */
export const CSRF_HEADER = 'x-perses-cm-csrf';

/** Names each request in the audit log and in the server's answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** `GET /api/v1/session`: answered without sign-in, so the web app knows what to show. */
export const SessionResponse = z.object({
  mode: AuthMode,
  /** Whether this request carries an identity (always true in local mode). */
  signedIn: z.boolean(),
  identity: IdentityInfo.nullable(),
  /** Token mode: the session ends after this many seconds without a request. */
  idleTimeoutSeconds: z.number().int().positive().nullable(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;

/** `POST /api/v1/session` in token mode: the token is kept by the server, never sent back. */
export const SignInRequest = z.object({
  token: z
    .string()
    .trim()
    .min(1, 'a token is required')
    .max(16384, 'a token is at most 16384 characters')
    .regex(/^[\x21-\x7e]+$/, 'a token is one word of printable ASCII characters'),
});
export type SignInRequest = z.infer<typeof SignInRequest>;
