// The only module that reads process.env: merges `serve` flags with PERSES_CM_* variables
// (flags win), validates them with zod and resolves the default target.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseLabelSelector, parseNamespaceList } from './stores/kubernetes/label-selector.ts';
import { PersesSettings, PersesSettingsError, persesConnection } from './config-perses.ts';
import {
  AuthSettings,
  AuthSettingsError,
  authConnection,
  type AuthConfig,
  type SecurityConfig,
} from './config-auth.ts';
import type { PersesAuth } from './perses/perses-session.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SAMPLE_CHART_DIR = path.join(repoRoot, 'examples/perses-resources');
const DEFAULT_WEB_DIST = path.join(repoRoot, 'apps/web/dist');

export type TargetConfig =
  | { type: 'directory'; dir: string }
  | {
      type: 'kubernetes';
      kubeconfig: string | null;
      context: string | null;
      inCluster: boolean;
      /** null: the context's namespace (or `default`); 'all': every namespace. */
      namespaces: string[] | 'all' | null;
    };

export interface ServerConfig {
  host: string;
  port: number;
  target: TargetConfig;
  label: { key: string; value?: string };
  persesUrl: string | null;
  /** The console's credentials for Perses; absent: none. Never sent to the browser. */
  persesAuth?: PersesAuth;
  webDist: string | null;
  /** How people sign in; absent: local (the server's own identity). */
  auth?: AuthConfig;
  /** Trusted proxies, allowed Host names, rate limits; absent: the defaults. */
  security?: Partial<SecurityConfig>;
  /** What the provisioning status reads besides Perses's API; absent: defaults. */
  status?: StatusConfig;
}

export interface StatusConfig {
  /** Perses's log (provisioning refusals), and the sidecar's (file writes), as local files. */
  persesLogFile: string | null;
  sidecarLogFile: string | null;
  /** Where to look for Perses in the cluster without --perses-url (null: watched namespaces). */
  persesNamespaces: string[] | 'all' | null;
  /** The Perses UI for "Open in Perses" links (default: --perses-url). */
  persesUiUrl: string | null;
}

export class ConfigError extends Error {}

/** The flags that choose what is read and written: every command that opens a store takes them. */
export const targetFlags = {
  dir: { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'in-cluster': { type: 'boolean' },
  namespaces: { type: 'string' },
  'all-namespaces': { type: 'boolean' },
  label: { type: 'string' },
} as const;

/** serve's flags; commands that open a store declare them beside their own (cli/target-args.ts). */
export const flagSpec = {
  host: { type: 'string' },
  port: { type: 'string' },
  ...targetFlags,
  'perses-url': { type: 'string' },
  'perses-token-file': { type: 'string' },
  'perses-user': { type: 'string' },
  'perses-password-file': { type: 'string' },
  'web-dist': { type: 'string' },
  'auth-mode': { type: 'string' },
  'trusted-proxies': { type: 'string' },
  'proxy-user-header': { type: 'string' },
  'proxy-groups-header': { type: 'string' },
  'session-idle-timeout': { type: 'string' },
  'allowed-hosts': { type: 'string' },
  'sign-in-rate': { type: 'string' },
  'write-rate': { type: 'string' },
  'perses-log-file': { type: 'string' },
  'sidecar-log-file': { type: 'string' },
  'perses-namespace': { type: 'string' },
  'perses-ui-url': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const boolText = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const Settings = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8080),
  dir: z.string().min(1).optional(),
  kubeconfig: z.string().min(1).optional(),
  context: z.string().min(1).optional(),
  inCluster: z.union([z.boolean(), boolText]).default(false),
  namespaces: z.string().min(1).optional(),
  allNamespaces: z.union([z.boolean(), boolText]).default(false),
  label: z.string().min(1).default('perses.dev/resource=true'),
  perses: PersesSettings,
  webDist: z.string().min(1).optional(),
  auth: AuthSettings,
  persesLogFile: z.string().min(1).optional(),
  sidecarLogFile: z.string().min(1).optional(),
  persesNamespace: z.string().min(1).optional(),
  persesUiUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
});

export const usage = `usage: perses-cm serve [options]

  --host ADDR             address to bind (default 127.0.0.1)          PERSES_CM_HOST
  --port N                port (default 8080)                          PERSES_CM_PORT
  --dir PATH              edit a Helm chart directory (files/ tree)    PERSES_CM_DIR
  --kubeconfig PATH       kubeconfig file (default KUBECONFIG or ~/.kube/config)  PERSES_CM_KUBECONFIG
  --context NAME          kubeconfig context (default: current)       PERSES_CM_CONTEXT
  --in-cluster            use the pod's service account               PERSES_CM_IN_CLUSTER=true
  --namespaces a,b        namespaces to watch (default: the context's) PERSES_CM_NAMESPACES
  --all-namespaces        watch every namespace                        PERSES_CM_NAMESPACES=all
  --label KEY=VALUE       ConfigMap label (default perses.dev/resource=true; KEY alone: any value)  PERSES_CM_LABEL
  --perses-url URL        Perses server, for validation and health     PERSES_CM_PERSES_URL
  --perses-token-file F   bearer token for Perses, read from a file    PERSES_CM_PERSES_TOKEN_FILE
                          (or the token itself in PERSES_CM_PERSES_TOKEN; never as a flag)
  --perses-user NAME      Perses native login user                     PERSES_CM_PERSES_USER
  --perses-password-file F  its password, read from a file             PERSES_CM_PERSES_PASSWORD_FILE
                          (or the password itself in PERSES_CM_PERSES_PASSWORD)
  --web-dist PATH         built web app to serve (default apps/web/dist) PERSES_CM_WEB_DIST
  --auth-mode MODE        local (default), proxy or token              PERSES_CM_AUTH_MODE
  --trusted-proxies C,..  addresses/CIDRs whose X-Forwarded-* and, in proxy mode, user
                          headers are believed                         PERSES_CM_TRUSTED_PROXIES
  --proxy-user-header H   proxy mode: user header (X-Forwarded-User)   PERSES_CM_PROXY_USER_HEADER
  --proxy-groups-header H proxy mode: groups header (X-Forwarded-Groups)  PERSES_CM_PROXY_GROUPS_HEADER
  --session-idle-timeout D  token mode: idle timeout (default 30m)     PERSES_CM_SESSION_IDLE_TIMEOUT
  --allowed-hosts a,b     Host names answered beyond loopback          PERSES_CM_ALLOWED_HOSTS
  --sign-in-rate N        sign-in attempts per minute per address (10) PERSES_CM_SIGN_IN_RATE
  --write-rate N          writes per minute per user (120)             PERSES_CM_WRITE_RATE
  --perses-log-file F     Perses's log, for provisioning refusals      PERSES_CM_PERSES_LOG_FILE
  --sidecar-log-file F    the sidecar's log, for file write times      PERSES_CM_SIDECAR_LOG_FILE
  --perses-namespace a,b  where to find Perses without --perses-url (default: watched)  PERSES_CM_PERSES_NAMESPACE
  --perses-ui-url URL     Perses UI for "Open in Perses" links (default --perses-url)  PERSES_CM_PERSES_UI_URL

Without --dir, --kubeconfig or --in-cluster: the current kubeconfig context when a kubeconfig
exists, else the sample chart in examples/perses-resources.`;

export type ParsedArgs = { help: true } | { help: false; config: ServerConfig };

/** Builds the server configuration from `serve` arguments and the environment. */
export function loadConfig(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): ParsedArgs {
  let flags: ReturnType<typeof parseArgs<{ options: typeof flagSpec; strict: true }>>['values'];
  try {
    flags = parseArgs({
      args: argv,
      options: flagSpec,
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  if (flags.help) return { help: true };
  const e = (name: string) =>
    env[`PERSES_CM_${name}`] === '' ? undefined : env[`PERSES_CM_${name}`];
  const parsed = Settings.safeParse({
    host: flags.host ?? e('HOST'),
    port: flags.port ?? e('PORT'),
    dir: flags.dir ?? e('DIR'),
    kubeconfig: flags.kubeconfig ?? e('KUBECONFIG'),
    context: flags.context ?? e('CONTEXT'),
    inCluster: flags['in-cluster'] ?? e('IN_CLUSTER'),
    namespaces: flags.namespaces ?? e('NAMESPACES'),
    allNamespaces: flags['all-namespaces'] ?? false,
    label: flags.label ?? e('LABEL'),
    perses: {
      url: flags['perses-url'] ?? e('PERSES_URL'),
      tokenFile: flags['perses-token-file'] ?? e('PERSES_TOKEN_FILE'),
      token: e('PERSES_TOKEN'),
      user: flags['perses-user'] ?? e('PERSES_USER'),
      passwordFile: flags['perses-password-file'] ?? e('PERSES_PASSWORD_FILE'),
      password: e('PERSES_PASSWORD'),
    },
    webDist: flags['web-dist'] ?? e('WEB_DIST'),
    auth: {
      mode: flags['auth-mode'] ?? e('AUTH_MODE'),
      trustedProxies: flags['trusted-proxies'] ?? e('TRUSTED_PROXIES'),
      userHeader: flags['proxy-user-header'] ?? e('PROXY_USER_HEADER'),
      groupsHeader: flags['proxy-groups-header'] ?? e('PROXY_GROUPS_HEADER'),
      idleTimeout: flags['session-idle-timeout'] ?? e('SESSION_IDLE_TIMEOUT'),
      allowedHosts: flags['allowed-hosts'] ?? e('ALLOWED_HOSTS'),
      signInRate: flags['sign-in-rate'] ?? e('SIGN_IN_RATE'),
      writeRate: flags['write-rate'] ?? e('WRITE_RATE'),
    },
    persesLogFile: flags['perses-log-file'] ?? e('PERSES_LOG_FILE'),
    sidecarLogFile: flags['sidecar-log-file'] ?? e('SIDECAR_LOG_FILE'),
    persesNamespace: flags['perses-namespace'] ?? e('PERSES_NAMESPACE'),
    persesUiUrl: flags['perses-ui-url'] ?? e('PERSES_UI_URL'),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `invalid setting ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  const s = parsed.data;
  let perses: ReturnType<typeof persesConnection>;
  try {
    perses = persesConnection(s.perses);
  } catch (err) {
    if (err instanceof PersesSettingsError) throw new ConfigError(err.message);
    throw err;
  }
  const label = parseLabelSelector(s.label);
  if (!label.ok) throw new ConfigError(`invalid --label: ${label.error}`);

  const explicitKube = s.kubeconfig !== undefined || s.inCluster || s.context !== undefined;
  if (s.dir !== undefined && explicitKube) {
    throw new ConfigError('--dir cannot be combined with --kubeconfig, --context or --in-cluster');
  }
  let namespaces: string[] | 'all' | null = null;
  if (s.allNamespaces || s.namespaces === 'all' || s.namespaces === '*') namespaces = 'all';
  else if (s.namespaces !== undefined) {
    const list = parseNamespaceList(s.namespaces);
    if (!list.ok) throw new ConfigError(`invalid --namespaces: ${list.error}`);
    namespaces = list.value;
  }
  if (s.allNamespaces && s.namespaces !== undefined && namespaces !== 'all') {
    throw new ConfigError('--namespaces and --all-namespaces are exclusive');
  }

  let target: TargetConfig;
  if (s.dir !== undefined) {
    target = { type: 'directory', dir: path.resolve(s.dir) };
  } else if (explicitKube) {
    target = {
      type: 'kubernetes',
      kubeconfig: s.inCluster ? null : (s.kubeconfig ?? defaultKubeconfig(env, home)),
      context: s.context ?? null,
      inCluster: s.inCluster,
      namespaces,
    };
  } else {
    const kubeconfig = defaultKubeconfig(env, home);
    target = kubeconfig
      ? { type: 'kubernetes', kubeconfig, context: null, inCluster: false, namespaces }
      : { type: 'directory', dir: SAMPLE_CHART_DIR };
  }
  if (target.type === 'directory' && namespaces !== null) {
    throw new ConfigError('--namespaces and --all-namespaces apply to a cluster, not to --dir');
  }
  let access: ReturnType<typeof authConnection>;
  try {
    access = authConnection(s.auth, target.type);
  } catch (err) {
    if (err instanceof AuthSettingsError) throw new ConfigError(err.message);
    throw err;
  }
  let persesNamespaces: string[] | 'all' | null = null;
  if (s.persesNamespace === 'all') persesNamespaces = 'all';
  else if (s.persesNamespace !== undefined) {
    const list = parseNamespaceList(s.persesNamespace);
    if (!list.ok) throw new ConfigError(`invalid --perses-namespace: ${list.error}`);
    persesNamespaces = list.value;
  }
  const webDist = s.webDist ? path.resolve(s.webDist) : DEFAULT_WEB_DIST;
  return {
    help: false,
    config: {
      host: s.host,
      port: s.port,
      target,
      label: label.value,
      persesUrl: perses.url,
      persesAuth: perses.auth,
      webDist: existsSync(path.join(webDist, 'index.html')) ? webDist : null,
      auth: access.auth,
      security: access.security,
      status: {
        persesLogFile: s.persesLogFile ? path.resolve(s.persesLogFile) : null,
        sidecarLogFile: s.sidecarLogFile ? path.resolve(s.sidecarLogFile) : null,
        persesNamespaces,
        persesUiUrl: s.persesUiUrl?.replace(/\/+$/, '') ?? null,
      },
    },
  };
}

/** The kubeconfig kubectl would use: the first existing file of KUBECONFIG, else ~/.kube/config. */
function defaultKubeconfig(env: NodeJS.ProcessEnv, home: string): string | null {
  const candidates = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  candidates.push(path.join(home, '.kube', 'config'));
  return candidates.find((p) => existsSync(p)) ?? null;
}
