// The compose stack's Perses configuration, read by the real Perses v0.54.0 of the test stack
// (which parses its configuration strictly: an unknown key stops it at start-up).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort, waitFor } from '@perses-cm/stack';
import { composePersesConfigPath } from './paths.ts';
import { stackBinaries } from './tools.ts';

interface PersesConfig {
  database: { file: { folder: string } };
  provisioning: { folders: string[]; interval: string };
  plugin?: unknown;
}

const original = parse(readFileSync(composePersesConfigPath, 'utf8')) as PersesConfig;
const dir = mkdtempSync(join(tmpdir(), 'perses-cm-compose-perses-'));
const provisioning = join(dir, 'provisioning');
let url: string;
let output = '';
let perses: ReturnType<typeof spawn>;

beforeAll(async () => {
  // The container paths become temporary folders; every other setting is the file's own. The
  // image's plugins are not here: plugin folders are empty (a Project needs none).
  const config: PersesConfig = structuredClone(original);
  config.database.file.folder = join(dir, 'db');
  config.provisioning.folders = [provisioning];
  config.plugin = { path: join(dir, 'plugins'), archive_paths: [join(dir, 'archives')] };
  for (const d of ['db', 'provisioning', 'plugins', 'archives']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'config.yaml'), stringify(config));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  perses = spawn(
    stackBinaries().perses,
    [`--config=${join(dir, 'config.yaml')}`, `--web.listen-address=127.0.0.1:${port}`],
    { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  perses.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  perses.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  await waitFor(
    'Perses to start with the compose configuration',
    async () => {
      if (perses.exitCode !== null) throw new Error(`Perses exited:\n${output}`);
      return (await fetch(`${url}/api/v1/health`).catch(() => null))?.ok ? true : undefined;
    },
    { timeoutMs: 30_000 },
  );
});
afterAll(() => {
  perses?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

it('provisions the shared folder at the configured interval', async () => {
  const config = (await (await fetch(`${url}/api/config`)).json()) as PersesConfig;
  expect(config.provisioning).toMatchObject({ folders: [provisioning] });
  // Perses answers durations in its own notation; 10s is 10s either way.
  expect(config.provisioning.interval).toBe(original.provisioning.interval);
  writeFileSync(
    join(provisioning, 'compose-check.json'),
    JSON.stringify({ kind: 'Project', metadata: { name: 'compose-check' }, spec: {} }),
  );
  await waitFor(
    'the provisioned project',
    async () => ((await fetch(`${url}/api/v1/projects/compose-check`)).ok ? true : undefined),
    { timeoutMs: 30_000 },
  );
});
