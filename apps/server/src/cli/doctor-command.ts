// `perses-cm doctor [--format table|json] [serve's target flags]`: the settings page's check for
// a terminal or a CI job — what runs (workload, sidecar env, Perses version and config), the
// console's settings, every mismatch, the worst-case lag and the Helm values. Exit 1 when a
// mismatch keeps resources from reaching Perses. It never writes anything.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, usage as serveUsage } from '../config.ts';
import { createRuntime } from '../main.ts';
import { formatDoctor } from './doctor/format.ts';
import { targetArgs } from './target-args.ts';

const usage = `usage: perses-cm doctor [--format table|json] [target options]

Checks the sidecar setup: the Perses workload and its k8s-sidecar env, Perses's version and
provisioning config, against the console's settings (as saved, else the target options: --kubeconfig,
--context, --namespaces, --label, --dir, --perses-url, --perses-namespace...).

  --format   table (default) or json

exit status: 0 nothing keeps resources from reaching Perses, 1 a blocking mismatch, 2 usage error`;

const fail = (message: string) => {
  console.error(`perses-cm doctor: ${message}\n\n${usage}`);
  return 2;
};

export async function run(argv: string[]): Promise<number> {
  let own;
  try {
    own = parseArgs({
      args: argv,
      strict: false,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'table' } },
      tokens: true,
    });
  } catch (err) {
    return fail((err as Error).message);
  }
  const format = own.values.format;
  if (format !== 'table' && format !== 'json') return fail('--format must be table or json');
  let config;
  try {
    const parsed = loadConfig(targetArgs(own.tokens, ['format']));
    if (parsed.help) {
      console.log(`${usage}\n\n${serveUsage}`);
      return 0;
    }
    config = parsed.config;
  } catch (err) {
    if (err instanceof ConfigError) return fail(err.message);
    throw err;
  }
  // The status finds Perses as the console does (--perses-url, or its Service); nothing is kept.
  const runtime = await createRuntime(config, { status: { history: null, slowMs: 60_000 } });
  try {
    await runtime.status?.ready();
    const view = await runtime.consoleSettings.view(runtime.identity);
    const blocking = view.findings.some((f) => f.severity === 'blocking');
    process.stdout.write(
      format === 'json'
        ? `${JSON.stringify({ ok: !blocking, ...view }, null, 2)}\n`
        : formatDoctor(view),
    );
    return blocking ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
