// `pnpm stack:build`, `pnpm stack:up [--detach]`, `pnpm stack:down`, `pnpm -s stack:env`.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir, readStackSettings } from './config.ts';
import type { StackEnv } from './env.ts';
import { waitFor } from './proc.ts';
import { sharedPaths } from './shared.ts';
import { startStack } from './stack.ts';
import { clearState, isAlive, readStackEnv, readState, writeState } from './state.ts';

const log = (msg: string) => console.error(`[stack] ${msg}`);

function printEndpoints(env: StackEnv): void {
  console.log(
    [
      `kube-apiserver  ${env.apiServer}`,
      `Perses          ${env.persesUrl}`,
      `provisioning    ${env.provisioningDir} (every ${env.provisioningInterval})`,
      ...Object.entries(env.kubeconfigs).map(([u, p]) => `kubeconfig ${u.padEnd(7)}${p}`),
      `logs            ${env.logsDir}`,
    ].join('\n'),
  );
}

async function upForeground(): Promise<void> {
  if (await readStackEnv()) throw new Error('a stack is already running (pnpm stack:down first)');
  const stack = await startStack({ log });
  writeState(stack.env);
  printEndpoints(stack.env);
  log('ready; Ctrl-C stops it');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping');
    await stack.stop();
    clearState();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

async function upDetached(): Promise<void> {
  const running = await readStackEnv();
  if (running) {
    log('reusing the running stack');
    printEndpoints(running);
    return;
  }
  const settings = readStackSettings();
  mkdirSync(settings.stateDir, { recursive: true });
  const logFile = join(settings.stateDir, 'stack.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL(import.meta.url).pathname, 'up'],
    {
      // tsx is resolved from the package, whatever folder the command was run from.
      cwd: packageDir,
      detached: true,
      stdio: ['ignore', fd, fd],
    },
  );
  closeSync(fd);
  let exited = false;
  child.on('exit', () => (exited = true));
  child.unref();
  try {
    const env = await waitFor(
      'the detached stack',
      async () => {
        if (exited) throw new Error('exited');
        return readState()?.pid === child.pid ? readStackEnv() : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 500 },
    );
    printEndpoints(env);
  } catch (err) {
    console.error(readFileSync(logFile, 'utf8'));
    if (child.pid && !exited) process.kill(child.pid, 'SIGTERM');
    throw err;
  }
}

async function down(): Promise<void> {
  const state = readState();
  if (!state || !isAlive(state.pid)) {
    log('no stack running');
    return;
  }
  process.kill(state.pid, 'SIGTERM');
  await waitFor('the stack to stop', async () => (isAlive(state.pid) ? undefined : true), {
    timeoutMs: 60_000,
  });
  log('stopped');
}

async function env(): Promise<void> {
  const e = await readStackEnv();
  if (!e) throw new Error('no stack running (pnpm stack:up --detach)');
  console.log(JSON.stringify(e, null, 2));
}

/** Builds the binaries; the plugin modules come from the shared folder unless told otherwise. */
async function build(components: string[]): Promise<void> {
  const plugins = sharedPaths().persesPlugins;
  const env = { ...process.env };
  if (!env['PERSES_PLUGINS_SRC'] && existsSync(plugins)) env['PERSES_PLUGINS_SRC'] = plugins;
  const script = join(packageDir, 'scripts', 'build-binaries.sh');
  const r = spawnSync('bash', [script, ...components], { stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const [command, ...flags] = process.argv.slice(2);
const commands: Record<string, () => Promise<void>> = {
  build: () => build(flags),
  up: () => (flags.includes('--detach') ? upDetached() : upForeground()),
  down,
  env,
};
const run = command ? commands[command] : undefined;
if (!run) {
  console.error('usage: cli.ts build [component...] | up [--detach] | down | env');
  process.exit(2);
}
run().catch((err: unknown) => {
  console.error(`[stack] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
