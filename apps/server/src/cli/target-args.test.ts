import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { targetFlags } from '../config.ts';
import { targetArgs, targetConfig } from './target-args.ts';

const own = { out: { type: 'string' } } as const;
const tokens = (argv: string[]) =>
  parseArgs({ args: argv, options: { ...targetFlags, ...own }, tokens: true }).tokens;

describe('targetArgs', () => {
  it('gives back the target flags another command took, so it opens the store serve would', async () => {
    const target = [
      '--kubeconfig',
      '/k',
      '--context',
      'c',
      '--namespaces',
      'a,b',
      '--label',
      'x=y',
    ];
    expect(targetArgs(tokens(['--out', 'f.tgz', ...target]), ['out'])).toEqual(target);
    expect(targetArgs(tokens(['--in-cluster', '--out=x', '--all-namespaces']), ['out'])).toEqual([
      '--in-cluster',
      '--all-namespaces',
    ]);
    const dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-target-'));
    expect(targetConfig(tokens(['--dir', dir, '--out', 'x']), ['out']).target).toEqual({
      type: 'directory',
      dir,
    });
  });
});
