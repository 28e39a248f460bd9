// `perses-cm serve`: runs the console's server on a cluster or a chart directory.
import { ConfigError, loadConfig, usage } from '../config.ts';
import { startServer } from '../main.ts';
import { backgroundWork } from '../runtime/background-work.ts';
import { collectGarbage, memoryReturn } from '../runtime/release-memory.ts';

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = loadConfig(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`perses-cm serve: ${err.message}\n\n${usage}`);
      return 2;
    }
    throw err;
  }
  if (parsed.help) {
    console.log(usage);
    return 0;
  }
  const config = parsed.config;
  let running;
  try {
    running = await startServer(config, { defaultMetrics: true });
  } catch (err) {
    console.error(`perses-cm serve: cannot start: ${(err as Error).message}`);
    return 1;
  }
  const t = running.store.target;
  const label = `${t.type === 'kubernetes' ? `${t.label.key}${t.label.value === undefined ? '' : `=${t.label.value}`}` : ''}`;
  console.log(
    t.type === 'directory'
      ? `perses-cm serving the chart directory ${t.path}`
      : `perses-cm serving ConfigMaps labeled ${label} in ${t.namespaces === 'all' ? 'all namespaces' : t.namespaces.join(', ')} of ${t.cluster} (context ${t.context ?? '-'}) as ${running.identity.name}`,
  );
  const stale = running.store.status().stale;
  if (stale) console.log(`  not in sync yet: ${stale}`);
  console.log(`  ${running.index.size} resources loaded`);
  const perses = running.perses;
  if (perses) {
    console.log(
      await perses.health().then(
        (h) => `  Perses ${h.version} at ${perses.where} validates documents`,
        (err: unknown) => `  ${(err as Error).message}; validation will say so`,
      ),
    );
  }
  if (!config.webDist)
    console.log('  web app not built: API only (pnpm --filter @perses-cm/web build)');
  console.log(`  listening on ${running.url}`);
  // The load's leftovers go once the work it left running is done, not at some later collection;
  // from then on, so do those of each large burst of changes (runtime/release-memory.ts).
  void backgroundWork.whenSettled().then(() =>
    setImmediate(() => {
      collectGarbage();
      memoryReturn.enable();
    }),
  );
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}
