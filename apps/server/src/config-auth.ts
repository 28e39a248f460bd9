// The sign-in and hardening part of `serve`'s configuration: the auth mode and what it needs
// (trusted proxy addresses and their headers, the session idle timeout), the Host names a
// console bound beyond loopback answers to, and the rate limits.
import proxyAddr from 'proxy-addr';
import { z } from 'zod';
import { AuthMode } from '@perses-cm/api';

export type AuthConfig =
  | { mode: 'local' }
  | {
      mode: 'proxy';
      /** Header naming the user, set by the auth proxy (e.g. X-Forwarded-User). */
      userHeader: string;
      /** Header listing the user's groups: repeated, or comma-separated. */
      groupsHeader: string;
    }
  | { mode: 'token'; idleTimeoutMs: number };

export interface SecurityConfig {
  /** CIDRs (or proxy-addr names such as `loopback`) whose forwarding headers are believed. */
  trustedProxies: string[];
  /** Host names answered when bound beyond loopback; empty: no check there. */
  allowedHosts: string[];
  /** Sign-in attempts per minute per client address. */
  signInPerMinute: number;
  /** Writes per minute per user. */
  writesPerMinute: number;
}

export const DEFAULT_SECURITY: SecurityConfig = {
  trustedProxies: [],
  allowedHosts: [],
  signInPerMinute: 10,
  writesPerMinute: 120,
};

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** Headers a proxy must not be trusted to name the user with: they carry other credentials. */
const RESERVED_HEADER = /^(authorization|cookie|host|impersonate-.*)$/i;

const headerName = (flag: string) =>
  z
    .string()
    .regex(HEADER_NAME, `${flag} must be an HTTP header name`)
    .refine((h) => !RESERVED_HEADER.test(h), `${flag} cannot be a credential header`)
    .transform((h) => h.toLowerCase());

const list = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .default([]);

export const AuthSettings = z.object({
  mode: AuthMode.default('local'),
  trustedProxies: list,
  userHeader: headerName('--proxy-user-header').default('x-forwarded-user'),
  groupsHeader: headerName('--proxy-groups-header').default('x-forwarded-groups'),
  idleTimeout: z.string().default('30m'),
  allowedHosts: list,
  signInRate: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_SECURITY.signInPerMinute),
  writeRate: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_SECURITY.writesPerMinute),
});

export class AuthSettingsError extends Error {}

/** `90s`, `30m`, `12h`: a duration of seconds, minutes or hours, in milliseconds. */
export function parseDuration(text: string): number | null {
  const m = /^(\d{1,6})(s|m|h)$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000 }[m[2] as 's' | 'm' | 'h'];
}

/** The auth mode and hardening settings, checked for what belongs together. */
export function authConnection(
  s: z.output<typeof AuthSettings>,
  target: 'kubernetes' | 'directory',
): { auth: AuthConfig; security: SecurityConfig } {
  const fail = (m: string): never => {
    throw new AuthSettingsError(m);
  };
  for (const cidr of s.trustedProxies) {
    try {
      proxyAddr.compile(cidr);
    } catch (err) {
      fail(`--trusted-proxies: ${cidr} is not an address or CIDR (${(err as Error).message})`);
    }
  }
  for (const host of s.allowedHosts) {
    if (!/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(host))
      fail(`--allowed-hosts: ${host} is not a host name (no scheme, port or path)`);
  }
  if (s.mode !== 'local' && target === 'directory')
    fail(`--auth-mode ${s.mode} needs a cluster: a chart directory has no Kubernetes users`);
  let auth: AuthConfig = { mode: 'local' };
  if (s.mode === 'proxy') {
    if (s.trustedProxies.length === 0)
      fail('--auth-mode proxy needs --trusted-proxies: the addresses of the auth proxy');
    auth = { mode: 'proxy', userHeader: s.userHeader, groupsHeader: s.groupsHeader };
  } else if (s.mode === 'token') {
    const ms = parseDuration(s.idleTimeout);
    if (ms === null || ms < 60_000 || ms > 24 * 3_600_000)
      fail('--session-idle-timeout must be a duration between 1m and 24h, such as 30m');
    auth = { mode: 'token', idleTimeoutMs: ms as number };
  }
  return {
    auth,
    security: {
      trustedProxies: s.trustedProxies,
      allowedHosts: s.allowedHosts.map((h) => h.toLowerCase()),
      signInPerMinute: s.signInRate,
      writesPerMinute: s.writeRate,
    },
  };
}
