// Test helper: proxy mode on the real stack, set up once for every test that needs it. The console
// runs as an account that may only read and impersonate; people arrive as an auth proxy would send
// them (user and group headers), and what each may do comes from RoleBindings of their group in
// the team namespaces, so Kubernetes RBAC, not the test, decides what each person sees.
import type { ServerConfig } from '../config.ts';
import { CONSOLE_READ_RULES, consoleAccount, type ConsoleAccount } from './console-account.ts';

/** The server config of a console behind an auth proxy on loopback. */
export const PROXY_MODE = {
  auth: { mode: 'proxy', userHeader: 'x-forwarded-user', groupsHeader: 'x-forwarded-groups' },
  security: { trustedProxies: ['127.0.0.1/32'] },
} satisfies Partial<ServerConfig>;

export interface ProxyPerson {
  /** The headers the auth proxy sends for this person. */
  headers: { 'x-forwarded-user': string; 'x-forwarded-groups': string };
  /** The ClusterRole their group is bound to, per namespace. */
  roles: Record<string, string>;
}

export function proxyPerson(user: string, group: string, roles: Record<string, string>) {
  return {
    headers: { 'x-forwarded-user': user, 'x-forwarded-groups': group },
    roles,
  } satisfies ProxyPerson;
}

/** `edit` in team-a only: lists and edits there, and must never learn of team-b. */
export const DEV_A = proxyPerson('dev-a', 'team-a-editors', { 'team-a': 'edit' });

/** A console account that reads and impersonates, with each person's group bound as given. */
export async function proxyModeAccount(
  adminKubeconfig: string,
  people: ProxyPerson[],
): Promise<ConsoleAccount> {
  // Reads its cache and asks reviews; writes only by impersonation, never on its own.
  const account = await consoleAccount(adminKubeconfig, [
    ...CONSOLE_READ_RULES,
    { apiGroups: [''], resources: ['users', 'groups'], verbs: ['impersonate'] },
  ]);
  for (const person of people)
    for (const [namespace, role] of Object.entries(person.roles))
      await account.bindGroup(namespace, person.headers['x-forwarded-groups'], role);
  return account;
}
