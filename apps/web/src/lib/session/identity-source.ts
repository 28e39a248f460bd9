import type { IdentitySource } from '@perses-cm/api';

/** How an identity was established, in the words of the header and the audit page. */
export const SIGNED_IN_WITH: Record<IdentitySource, string> = {
  kubeconfig: 'kubeconfig',
  'in-cluster': 'service account',
  directory: 'local user',
  proxy: 'auth proxy',
  token: 'token',
};
