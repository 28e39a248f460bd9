// The commands' argument handling: --help, a usage error naming the flag (exit 2), and an AppError
// said without a stack, with the command's exit status.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../config.ts';
import { AppError } from '../domain/errors.ts';
import { runCli, UsageError } from './run-cli.ts';

let out: string[];
let err: string[];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const options = {
  format: { type: 'string', default: 'table' },
  help: { type: 'boolean', short: 'h' },
} as const;
const spec = { name: 'demo', usage: 'usage: perses-cm demo', options, appErrorExit: 3 };

describe('runCli', () => {
  it('runs the command with its parsed flags', async () => {
    const seen: string[] = [];
    expect(
      await runCli(spec, ['--format', 'json'], async ({ values }) => {
        seen.push(values.format);
        return 0;
      }),
    ).toBe(0);
    expect(seen).toEqual(['json']);
  });

  it('prints the help on --help or -h and runs nothing', async () => {
    const body = vi.fn(async () => 0);
    expect(await runCli({ ...spec, help: 'the help' }, ['-h'], body)).toBe(0);
    expect(out).toEqual(['the help']);
    expect(body).not.toHaveBeenCalled();
  });

  it('names a bad flag or argument, with the usage, and exits 2', async () => {
    const body = vi.fn(async () => 0);
    expect(await runCli(spec, ['--bogus'], body)).toBe(2);
    expect(err.join('\n')).toMatch(/^perses-cm demo: .*'--bogus'[\s\S]*usage: perses-cm demo$/);
    expect(await runCli(spec, ['stray'], body)).toBe(2);
    expect(err.at(-1)).toMatch(/'stray'/);
    expect(body).not.toHaveBeenCalled();
    for (const thrown of [
      new UsageError('--format must be table'),
      new ConfigError('--port: bad'),
    ]) {
      expect(await runCli(spec, [], async () => Promise.reject(thrown))).toBe(2);
      expect(err.at(-1)).toBe(`perses-cm demo: ${thrown.message}\n\nusage: perses-cm demo`);
    }
  });

  it("says an AppError's message without the usage, with the command's exit status", async () => {
    const failing = async () => Promise.reject(new AppError('forbidden', 'may not list'));
    expect(await runCli(spec, [], failing)).toBe(3);
    expect(err).toEqual(['perses-cm demo: may not list']);
    expect(await runCli({ ...spec, appErrorExit: undefined }, [], failing)).toBe(1);
  });

  it('lets any other error through', async () => {
    await expect(runCli(spec, [], async () => Promise.reject(new Error('bug')))).rejects.toThrow(
      'bug',
    );
  });
});
