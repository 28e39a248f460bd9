// `pnpm demo`: the console on the real test stack within a minute of the stack being up. Builds
// the stack's binaries the first time (with their build's progress), starts the stack (or reuses
// a running one), deploys the sample chart examples/perses-resources as labeled ConfigMaps the way
// `helm install` would, leaves one orphan in Perses (a ConfigMap deleted after Perses took it),
// and serves the console connected to Perses with both logs read.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  locateBinaries,
  readStackEnv,
  readStackSettings,
  startStack,
  type RunningStack,
} from '@perses-cm/stack';
import { loadConfig } from '../src/config.ts';
import { startServer } from '../src/main.ts';
import { deployChart, leaveOrphan } from './deploy.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const say = (msg: string) => console.log(`[demo] ${msg}`);
const NAMESPACE = 'perses';

function ensureBinaries(): void {
  const { cacheDir } = readStackSettings();
  try {
    locateBinaries(cacheDir);
    return;
  } catch {
    say(
      `building the test stack into ${cacheDir} once (7 to 20 minutes on 2 cores; progress below)`,
    );
  }
  const r = spawnSync('bash', [path.join(root, 'tools/stack/scripts/build-binaries.sh')], {
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error('the stack build failed (see its output above)');
}

async function main(): Promise<void> {
  ensureBinaries();
  let own: RunningStack | null = null;
  let env = await readStackEnv();
  if (env) say('reusing the running stack');
  else {
    say('starting the stack (etcd, kube-apiserver, sidecar, Perses with its plugins)');
    own = await startStack({ log: (m) => say(m) });
    env = own.env;
  }
  const chart = path.join(root, 'examples/perses-resources');
  const count = await deployChart(env, chart, NAMESPACE);
  say(`deployed ${count} ConfigMaps of ${path.relative(root, chart)} into namespace ${NAMESPACE}`);
  const orphan = await leaveOrphan(env, NAMESPACE);
  say(`left one orphan in Perses: ${orphan}`);
  const parsed = loadConfig([
    '--kubeconfig',
    env.kubeconfigs.admin,
    '--namespaces',
    NAMESPACE,
    '--perses-url',
    env.persesUrl,
    '--perses-log-file',
    path.join(env.logsDir, 'perses.log'),
    '--sidecar-log-file',
    path.join(env.logsDir, 'sidecar.log'),
  ]);
  if (parsed.help) return;
  const srv = await startServer(parsed.config);
  say(`Perses ${env.persesUrl} provisions every ${env.provisioningInterval}`);
  say(`console on ${srv.url}: the list's status column, the overview, the orphan`);
  say(
    `or in a terminal: pnpm perses-cm status --kubeconfig ${env.kubeconfigs.admin} --namespaces ${NAMESPACE} --perses-url ${env.persesUrl}`,
  );
  say('Ctrl-C stops the console' + (own ? ' and the stack' : ''));
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await srv.close();
  await own?.stop();
}

main().catch((err: unknown) => {
  console.error(`[demo] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
