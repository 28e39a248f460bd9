// The console as it runs in production: the image's server bundle (`node perses-cm.mjs serve`),
// a process of its own, timed from spawn to a 200 on /readyz, its memory read from /proc.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '@perses-cm/stack';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const BUNDLE = path.join(repoRoot, 'apps/server/dist/perses-cm.mjs');
const WEB_DIST = path.join(repoRoot, 'apps/web/dist');

/** Builds the server bundle the image runs (tools/packaging), once per bench run. */
export function bundleConsole(): string {
  const r = spawnSync('pnpm', ['--filter', '@perses-cm/packaging', 'bundle:server'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (r.status !== 0 || !existsSync(BUNDLE)) throw new Error('could not bundle the server');
  return BUNDLE;
}

export interface ConsoleProcess {
  url: string;
  pid: number;
  /** Spawn to the first 200 on /readyz. */
  startMs: number;
  /**
   * Waits until /readyz reports no work left running after the start (`settling`); resolves with
   * the time from spawn to then.
   */
  settled(): Promise<number>;
  rssBytes(): number;
  stop(): Promise<void>;
}

export async function startConsole(
  bundle: string,
  kubeconfig: string,
  label: string,
  /** Node's own flags for the console's process (a profile: `--cpu-prof`). */
  nodeArgs: readonly string[] = [],
): Promise<ConsoleProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...nodeArgs,
      bundle,
      'serve',
      '--kubeconfig',
      kubeconfig,
      '--all-namespaces',
      '--label',
      label,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      ...(existsSync(path.join(WEB_DIST, 'index.html')) ? ['--web-dist', WEB_DIST] : []),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  for (;;) {
    if (exited !== null) throw new Error(`the console exited with ${exited} before it was ready`);
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  const startMs = performance.now() - started;
  const pid = child.pid!;
  return {
    url,
    pid,
    startMs,
    settled: async () => {
      for (;;) {
        const body = (await fetch(`${url}/readyz`).then((r) => r.json())) as {
          settling?: Record<string, number>;
        };
        if (!body.settling || Object.keys(body.settling).length === 0)
          return performance.now() - started;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    rssBytes: () => {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return Number(m?.[1] ?? NaN) * 1024;
    },
    stop: () =>
      new Promise((resolve) => {
        if (exited !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
