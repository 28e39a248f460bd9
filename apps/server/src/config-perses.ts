// The Perses connection part of `serve`'s configuration: credentials come from a file or an
// environment variable, never from a flag value (flags show in `ps` and shell history).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Secret } from './domain/secret.ts';
import type { PersesAuth } from './perses/perses-session.ts';

/** Raw Perses settings: flags already merged with their variables by config.ts. */
export interface PersesSettingsInput {
  url?: string;
  tokenFile?: string;
  /** PERSES_CM_PERSES_TOKEN: the token itself (environment only). */
  token?: string;
  user?: string;
  passwordFile?: string;
  /** PERSES_CM_PERSES_PASSWORD: the password itself (environment only). */
  password?: string;
}

export const PersesSettings = z.object({
  url: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .optional()
    .transform((u) => (u ? u.replace(/\/+$/, '') : undefined)),
  tokenFile: z.string().min(1).optional(),
  token: z.string().trim().min(1).optional(),
  user: z.string().min(1).optional(),
  passwordFile: z.string().min(1).optional(),
  password: z.string().min(1).optional(),
});

export class PersesSettingsError extends Error {}

/** The Perses URL and the console's credentials for it, checked for what belongs together. */
export function persesConnection(input: z.output<typeof PersesSettings>): {
  url: string | null;
  auth: PersesAuth;
} {
  const { url, tokenFile, token, user, passwordFile, password } = input;
  const fail = (m: string) => {
    throw new PersesSettingsError(m);
  };
  if (tokenFile !== undefined && token !== undefined)
    fail('--perses-token-file and PERSES_CM_PERSES_TOKEN are exclusive');
  if (passwordFile !== undefined && password !== undefined)
    fail('--perses-password-file and PERSES_CM_PERSES_PASSWORD are exclusive');
  const hasToken = tokenFile !== undefined || token !== undefined;
  const hasPassword = passwordFile !== undefined || password !== undefined;
  if (hasToken && (user !== undefined || hasPassword))
    fail('a Perses token and a Perses user are exclusive: use one way to sign in');
  if (user !== undefined && !hasPassword)
    fail('--perses-user needs --perses-password-file or PERSES_CM_PERSES_PASSWORD');
  if (hasPassword && user === undefined) fail('a Perses password needs --perses-user');
  if ((hasToken || user !== undefined) && url === undefined)
    fail('Perses credentials need --perses-url');

  let auth: PersesAuth = { type: 'none' };
  if (hasToken) {
    const value = token ?? readSecretFile(tokenFile ?? '', '--perses-token-file').trim();
    if (/\s/.test(value)) fail('the Perses token must be one word (no spaces or line breaks)');
    auth = { type: 'bearer', token: new Secret(value) };
  } else if (user !== undefined) {
    const value = password ?? readSecretFile(passwordFile ?? '', '--perses-password-file');
    auth = { type: 'native', user, password: new Secret(value) };
  }
  return { url: url ?? null, auth };
}

/** A secret file's text without its final line break; empty or unreadable is an error. */
function readSecretFile(file: string, flag: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new PersesSettingsError(`${flag}: cannot read ${file}: ${(err as Error).message}`);
  }
  const value = text.replace(/\r?\n$/, '');
  if (value === '') throw new PersesSettingsError(`${flag}: ${file} is empty`);
  return value;
}
