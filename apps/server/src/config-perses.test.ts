// Perses credentials in `serve`'s configuration: files or environment, never flag values.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, usage, type ServerConfig } from './config.ts';

const dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-secrets-'));
const home = await mkdtemp(path.join(tmpdir(), 'perses-cm-home-'));
const file = async (name: string, text: string) => {
  const p = path.join(dir, name);
  await writeFile(p, text);
  return p;
};
const URL_FLAG = ['--dir', '/tmp/chart', '--perses-url', 'http://perses:8080'];
const cfg = (argv: string[], env: Record<string, string> = {}): ServerConfig => {
  const r = loadConfig([...URL_FLAG, ...argv], env, home);
  if (r.help) throw new Error('help');
  return r.config;
};
const reveal = (c: ServerConfig) => {
  const a = c.persesAuth;
  if (a?.type === 'bearer') return a.token.reveal();
  if (a?.type === 'native') return `${a.user}:${a.password.reveal()}`;
  return a?.type;
};

describe('Perses credentials', () => {
  it('connects without credentials by default', () => {
    expect(cfg([]).persesAuth).toEqual({ type: 'none' });
  });

  it('reads a bearer token from a file, or from PERSES_CM_PERSES_TOKEN', async () => {
    const tokenFile = await file('token', 'abc.def.ghi\n');
    expect(reveal(cfg(['--perses-token-file', tokenFile]))).toBe('abc.def.ghi');
    expect(reveal(cfg([], { PERSES_CM_PERSES_TOKEN_FILE: tokenFile }))).toBe('abc.def.ghi');
    expect(reveal(cfg([], { PERSES_CM_PERSES_TOKEN: 'from.env.var' }))).toBe('from.env.var');
  });

  it('reads a native login password from a file (one final line break dropped) or the environment', async () => {
    const pw = await file('password', ' spaced pass \n');
    expect(reveal(cfg(['--perses-user', 'bot', '--perses-password-file', pw]))).toBe(
      'bot: spaced pass ',
    );
    expect(
      reveal(cfg([], { PERSES_CM_PERSES_USER: 'bot', PERSES_CM_PERSES_PASSWORD: 'p@ss' })),
    ).toBe('bot:p@ss');
  });

  it('never prints a credential with the configuration', async () => {
    const c = cfg([], { PERSES_CM_PERSES_USER: 'bot', PERSES_CM_PERSES_PASSWORD: 'hunter2' });
    expect(JSON.stringify(c)).not.toContain('hunter2');
  });

  it('takes no credential as a flag value', () => {
    expect(() => cfg(['--perses-token', 'x'])).toThrow(/perses-token/);
    expect(() => cfg(['--perses-user', 'bot', '--perses-password', 'x'])).toThrow(
      /perses-password/,
    );
  });

  it('refuses credentials that do not go together, naming the settings', async () => {
    const tokenFile = await file('token2', 'abc');
    const pw = await file('password2', 'pw');
    const cases: [string[], Record<string, string>, RegExp][] = [
      [['--perses-token-file', tokenFile, '--perses-user', 'bot'], {}, /token and a Perses user/],
      [['--perses-token-file', tokenFile], { PERSES_CM_PERSES_TOKEN: 'y' }, /exclusive/],
      [['--perses-user', 'bot'], {}, /--perses-user needs --perses-password-file/],
      [['--perses-password-file', pw], {}, /password needs --perses-user/],
      [['--perses-token-file', path.join(dir, 'missing')], {}, /cannot read .*missing/],
      [['--perses-token-file', await file('empty', '\n')], {}, /is empty/],
      [[], { PERSES_CM_PERSES_TOKEN: 'two words' }, /one word/],
    ];
    for (const [argv, env, message] of cases) expect(() => cfg(argv, env)).toThrow(message);
    expect(() =>
      loadConfig(['--dir', '/tmp/c', '--perses-token-file', tokenFile], {}, home),
    ).toThrow(/need --perses-url/);
  });

  it('documents every Perses setting in the usage', () => {
    for (const s of [
      '--perses-token-file',
      'PERSES_CM_PERSES_TOKEN',
      '--perses-user',
      '--perses-password-file',
      'PERSES_CM_PERSES_PASSWORD',
    ])
      expect(usage).toContain(s);
  });
});
