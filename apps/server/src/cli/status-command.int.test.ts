// `perses-cm status` the way a CI job runs it after `helm upgrade`: on a chart directory whose
// files were deployed as labeled ConfigMaps (here by the test, as helm would), against the real
// Perses of the stack. Exit 0 once all are Synced; 1, with the reason, when one is refused.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { project } from '../testing/documents.ts';
import { core, stackEnv, uniq } from '../testing/kube-fixture.ts';
import { dashboard, putConfigMap } from '../testing/status.ts';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const NS = 'team-b';
const name = uniq('ci');
let admin: CoreV1Api;
let chart: string;
const made: string[] = [];

function status(
  ...args: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'apps/server/src/cli/main.ts', 'status', ...args],
      { cwd: root },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Writes a chart file and deploys it as a labeled ConfigMap, as `helm upgrade` would. */
async function deploy(path: string, doc: unknown) {
  mkdirSync(join(chart, 'files', path, '..'), { recursive: true });
  writeFileSync(join(chart, 'files', path), `${JSON.stringify(doc, null, 2)}\n`);
  const cm = `${name}-${made.length}`;
  await putConfigMap(admin, NS, cm, path.replace(/\//g, '_'), doc);
  made.push(cm);
}

beforeAll(async () => {
  admin = core(stackEnv().kubeconfigs.admin);
  chart = mkdtempSync(join(tmpdir(), 'perses-cm-ci-'));
  writeFileSync(join(chart, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`);
  await deploy(`projects/${name}.json`, project(name));
  await deploy(`dashboards/${name}/notes.json`, dashboard('notes', name));
});
afterAll(async () => {
  for (const cm of made)
    await admin.deleteNamespacedConfigMap({ namespace: NS, name: cm }).catch(() => undefined);
});

describe('perses-cm status', () => {
  it('waits until the deployed chart is served, then exits 0', async () => {
    const r = await status(
      '--dir',
      chart,
      '--perses-url',
      stackEnv().persesUrl,
      '--wait',
      '--timeout',
      '60s',
      '--format',
      'json',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      resources: { name: string; status: { state: string } }[];
    };
    expect(out.resources.map((x) => [x.name, x.status.state]).sort()).toEqual([
      [name, 'synced'],
      ['notes', 'synced'],
    ]);
  });

  it('exits 1 with the reason and what to do when a resource is refused', async () => {
    await deploy(`dashboards/${name}-gone/lost.json`, dashboard('lost', `${name}-gone`));
    const r = await status(
      '--dir',
      chart,
      '--perses-url',
      stackEnv().persesUrl,
      '--wait',
      '--timeout',
      '60s',
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(`REJECTED +Dashboard +${name}-gone/lost .*project "${name}-gone"`),
    );
    expect(r.stdout).toMatch(new RegExp(`Create the Project "${name}-gone"`));
  });

  it('refuses a bad option with the usage, exit 2', async () => {
    const r = await status('--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be table or json/);
  });
});
