import { appendFile, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileLogSource, PodLogSource } from './log-source.ts';

describe('reading a log file incrementally', () => {
  it('returns the tail, then only whole new lines, and starts over after a truncation', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'log-')), 'perses.log');
    await writeFile(file, 'one\ntwo\n');
    const src = new FileLogSource(file);
    expect(src.description).toBe(`the file ${file}`);
    expect(await src.read()).toEqual(['one', 'two']);
    expect(await src.read()).toEqual([]);
    await appendFile(file, 'three\nfou');
    expect(await src.read()).toEqual(['three']);
    await appendFile(file, 'r\n');
    expect(await src.read()).toEqual(['four']);
    await writeFile(file, 'new\n');
    expect(await src.read()).toEqual(['new']);
  });
});

describe('reading a container log through the API server', () => {
  it('asks from the lookback, then from the newest second, skipping lines already returned', async () => {
    const asked: string[] = [];
    const answers = [
      '2026-12-02T02:23:14.1Z a\n2026-12-02T02:23:14.765519078Z b\n',
      '2026-12-02T02:23:14.1Z a\n2026-12-02T02:23:14.765519078Z b\n2026-12-02T02:23:14.9Z c\n',
    ];
    const src = new PodLogSource(
      'container perses of pod perses/perses-0',
      async (since) => {
        asked.push(since);
        return answers.shift() ?? '';
      },
      () => 60_000,
      () => Date.parse('2026-12-02T02:24:00.500Z'),
    );
    expect(await src.read()).toEqual([
      '2026-12-02T02:23:14.1Z a',
      '2026-12-02T02:23:14.765519078Z b',
    ]);
    expect(await src.read()).toEqual(['2026-12-02T02:23:14.9Z c']);
    expect(asked).toEqual(['2026-12-02T02:23:00Z', '2026-12-02T02:23:14Z']);
  });
});
