// `perses-cm export` on a chart directory: flags, the folder it writes (and what it removes), the
// archive format from the file name, and usage errors that name the flag.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { unzip } from '../testing/archive.ts';
import { fixtureChart } from '../testing/fixture-chart.ts';
import { run } from './export-command.ts';

let src: string;
let work: string;
let stderr: string[];

beforeAll(async () => {
  src = await fixtureChart();
  work = await mkdtemp(path.join(tmpdir(), 'perses-cm-export-cli-'));
});
afterAll(async () => {
  await rm(src, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});
afterEach(() => vi.restoreAllMocks());

function captured() {
  stderr = [];
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void stderr.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
}

async function tree(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true, withFileTypes: true });
  return all
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('perses-cm export', () => {
  it.each([
    [[], '--from must be "cluster" or "dir"'],
    [['--from', 'dir', '--out', 'x.tgz'], '--from dir needs --dir PATH'],
    [['--from', 'dir', '--dir', '.', '--out', 'a', '--out-dir', 'b'], 'exactly one of --out'],
    [['--from', 'dir', '--dir', '.', '--out', 'a', '--shape', 'nested'], '--shape: Invalid option'],
    [['--from', 'dir', '--dir', '.', '--out', 'a', '--search', 'x'.repeat(300)], '--search:'],
    [
      ['--from', 'dir', '--dir', '.', '--out', 'a', '--resource', 'Dashboard/Demo'],
      'KIND/PROJECT/NAME',
    ],
    [['--from', 'dir', '--dir', '.', '--out', 'a', '--bogus'], "Unknown option '--bogus'"],
    [
      ['--from', 'dir', '--dir', '.', '--out', 'a', '--status', 'rejected'],
      "--status: provisioning states need the console's Perses connection",
    ],
  ])('refuses %j with exit 2, naming the problem', async (argv, message) => {
    captured();
    expect(await run(argv)).toBe(2);
    expect(stderr.join('\n')).toContain(message);
  });

  it('writes the chart into a folder, then removes the resource files no longer exported', async () => {
    captured();
    const out = path.join(work, 'chart');
    expect(await run(['--from', 'dir', '--dir', src, '--out-dir', out])).toBe(0);
    const first = await tree(out);
    expect(first).toContain('files/projects/IncredibleProject.json');
    expect(first).toHaveLength(43);
    expect(stderr.join('\n')).toMatch(/not exported: EphemeralDashboard perses\/TempDemo/);
    // A note kept beside the resources, and a resource deleted at the source.
    await writeFile(path.join(out, 'files', 'NOTES.txt'), 'kept');
    await rm(path.join(src, 'files', '11-variable.json'));
    expect(await run(['--from', 'dir', '--dir', src, '--out-dir', out])).toBe(0);
    const second = await tree(out);
    expect(second).not.toContain('files/variables/perses/job.json');
    expect(existsSync(path.join(out, 'files', 'variables'))).toBe(false);
    expect(second).toContain('files/NOTES.txt');
    expect(stderr.join('\n')).toContain('1 removed');
  });

  it('refuses a folder that is neither empty nor a chart, and writes nothing there', async () => {
    captured();
    const out = path.join(work, 'other');
    await mkdir(out, { recursive: true });
    await writeFile(path.join(out, 'notes.md'), 'mine');
    expect(await run(['--from', 'dir', '--dir', src, '--out-dir', out])).toBe(1);
    expect(stderr.join('\n')).toContain('holds neither a Chart.yaml nor a files/ folder');
    expect(await tree(out)).toEqual(['notes.md']);
  });

  it('refuses to write over the chart it exports', async () => {
    captured();
    expect(await run(['--from', 'dir', '--dir', src, '--out-dir', src])).toBe(2);
    expect(stderr.join('\n')).toContain('write to another folder');
  });

  it('writes a zip for a .zip name, with only the hand-picked resources and files/ alone', async () => {
    captured();
    const file = path.join(work, 'picked.zip');
    const picks = ['Dashboard/testing/Panels', 'GlobalDatasource/PrometheusDemo', 'Project/gone'];
    const argv = ['--from', 'dir', '--dir', src, '--out', file, '--only-files'];
    expect(await run([...argv, ...picks.flatMap((p) => ['--resource', p])])).toBe(0);
    const entries = await unzip(await readFile(file));
    expect(entries.map((e) => e.path)).toEqual([
      'files/dashboards/testing/Panels.json',
      'files/globaldatasources/PrometheusDemo.json',
    ]);
    expect(stderr.join('\n')).toMatch(/not exported: Project gone .*no such resource/);
  });
});
