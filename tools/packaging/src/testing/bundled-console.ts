// The console as the image runs it: the server bundle started with `node` from a folder with no
// node_modules, configured by the environment the chart renders, as the chart's ServiceAccount.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { freePort, waitFor, type StackEnv } from '@perses-cm/stack';
import { findOne, type Manifest } from '../chart.ts';
import { SERVER_BUNDLE } from '../paths.ts';
import { bundleServer } from '../server-bundle.ts';

/** Builds the bundle once into a fresh application root, as the image's build stage does. */
export async function bundleIntoTempRoot(): Promise<{ appRoot: string; dispose(): void }> {
  const appRoot = mkdtempSync(join(tmpdir(), 'perses-cm-image-'));
  await bundleServer(appRoot);
  return { appRoot, dispose: () => rmSync(appRoot, { recursive: true, force: true }) };
}

export interface RunningConsole {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the bundle with the Deployment's arguments and environment. In-cluster configuration is
 * the one thing replaced: a kubeconfig with the ServiceAccount's token stands for the pod's
 * mounted token, and the console listens on loopback.
 */
export async function startBundledConsole(opts: {
  appRoot: string;
  manifests: Manifest[];
  stack: StackEnv;
  token: string;
}): Promise<RunningConsole> {
  const container = (
    findOne(opts.manifests, 'Deployment')['spec'] as {
      template: {
        spec: { containers: { args: string[]; env: { name: string; value: string }[] }[] };
      };
    }
  ).template.spec.containers[0]!;
  const kubeconfig = join(opts.appRoot, 'kubeconfig.yaml');
  writeFileSync(
    kubeconfig,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'c',
          cluster: { server: opts.stack.apiServer, 'certificate-authority': opts.stack.caFile },
        },
      ],
      users: [{ name: 'sa', user: { token: opts.token } }],
      contexts: [{ name: 'sa', context: { cluster: 'c', user: 'sa' } }],
      'current-context': 'sa',
    }),
    { mode: 0o600 },
  );
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'] };
  for (const e of container.env) env[e.name] = e.value;
  delete env['PERSES_CM_IN_CLUSTER'];
  Object.assign(env, {
    PERSES_CM_KUBECONFIG: kubeconfig,
    PERSES_CM_HOST: '127.0.0.1',
    PERSES_CM_PORT: String(port),
  });
  const child: ChildProcess = spawn(
    'node',
    [join(opts.appRoot, SERVER_BUNDLE), ...container.args],
    {
      cwd: opts.appRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor('the bundled console to be ready', async () => {
      if (child.exitCode !== null) throw new Error(`the console exited:\n${output}`);
      const res = await fetch(`${url}/readyz`).catch(() => null);
      return res?.status === 200 ? true : undefined;
    });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, output: () => output, stop };
}
