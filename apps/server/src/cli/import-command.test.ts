// `perses-cm import` on a copy of the sample chart: the preview table, a dry run that writes
// nothing, an apply that writes the new resource, and exit 1 when anything is refused.
import { cp, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SAMPLE_CHART_DIR } from '../config.ts';
import { run } from './import-command.ts';

let dir: string;
let out: string[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-import-cli-'));
  await cp(SAMPLE_CHART_DIR, path.join(dir, 'chart'), { recursive: true });
  out = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

const projects = () => readdir(path.join(dir, 'chart/files/projects'));

describe('perses-cm import', () => {
  it('prints the preview and writes nothing with --dry-run, then writes with a plain run', async () => {
    const file = path.join(dir, 'team.json');
    await writeFile(
      file,
      JSON.stringify({ kind: 'Project', metadata: { name: 'team' }, spec: {} }),
    );
    const before = await projects();
    expect(await run(['--dir', path.join(dir, 'chart'), '--dry-run', file])).toBe(0);
    expect(out.join('\n')).toMatch(/CREATE\s+Project team\s+files\/projects\/team\.json/);
    expect(await projects()).toEqual(before);
    expect(await run(['--dir', path.join(dir, 'chart'), file])).toBe(0);
    expect(await projects()).toEqual([...before, 'team.json'].sort());
  });

  it('exits 1 and names the file when an entry is refused, still writing the sound ones', async () => {
    const bad = path.join(dir, 'bad.yaml');
    const good = path.join(dir, 'good.json');
    await writeFile(bad, 'kind: Project\nmetadata: {name: a, name: b}\n');
    await writeFile(
      good,
      JSON.stringify({ kind: 'Project', metadata: { name: 'good' }, spec: {} }),
    );
    expect(await run(['--dir', path.join(dir, 'chart'), bad, good])).toBe(1);
    expect(out.join('\n')).toMatch(/REFUSED\s+-\s+-\s+bad\.yaml: the file does not parse/);
    expect(await projects()).toContain('good.json');
  });

  it('is a usage error without a source', async () => {
    expect(await run(['--dir', path.join(dir, 'chart')])).toBe(2);
  });

  it("checks target options by serve's rules and refuses unknown ones", async () => {
    const file = path.join(dir, 'x.json');
    expect(await run(['--dir', path.join(dir, 'chart'), '--port', 'abc', file])).toBe(2);
    expect(out.join('\n')).toMatch(/perses-cm import: .*port/);
    expect(await run(['--dir', path.join(dir, 'chart'), '--bogus', file])).toBe(2);
    expect(out.join('\n')).toMatch(/perses-cm import: .*--bogus/);
  });
});
