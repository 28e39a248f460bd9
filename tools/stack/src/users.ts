import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';

/** The users of the static token file; RBAC for each is created in rbac.ts. */
export const USERS = ['admin', 'editor', 'viewer', 'perses-sidecar'] as const;
export type StackUser = (typeof USERS)[number];

export type Tokens = Record<StackUser, string>;

export function generateTokens(): Tokens {
  const t = () => randomBytes(24).toString('hex');
  return { admin: t(), editor: t(), viewer: t(), 'perses-sidecar': t() };
}

/** CSV lines `token,user,uid,"groups"`; admin is in system:masters (cluster-admin without a binding). */
export function writeTokenFile(path: string, tokens: Tokens): void {
  const lines = USERS.map((u) => {
    const groups = u === 'admin' ? ',"system:masters"' : '';
    return `${tokens[u]},${u},${u}${groups}`;
  });
  writeFileSync(path, lines.join('\n') + '\n', { mode: 0o600 });
}

export function writeKubeconfig(
  dir: string,
  user: StackUser,
  opts: { server: string; caFile: string; token: string },
): string {
  const path = join(dir, `kubeconfig-${user}.yaml`);
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'stack', cluster: { server: opts.server, 'certificate-authority': opts.caFile } },
    ],
    users: [{ name: user, user: { token: opts.token } }],
    contexts: [
      { name: `${user}@stack`, context: { cluster: 'stack', user, namespace: 'default' } },
    ],
    'current-context': `${user}@stack`,
  };
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}
