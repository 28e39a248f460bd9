// `perses-cm doctor [--format table|json] [serve's target flags]`: the settings page's check for
// a terminal or a CI job — what runs (workload, sidecar env, Perses version and config), the
// console's settings, every mismatch, the worst-case lag and the Helm values. Exit 1 when a
// mismatch keeps resources from reaching Perses. It never writes anything.
import { flagSpec, loadConfig, usage as serveUsage } from '../config.ts';
import { createRuntime } from '../main.ts';
import { formatDoctor } from './doctor/format.ts';
import { runCli, UsageError } from './run-cli.ts';
import { targetArgs } from './target-args.ts';

const usage = `usage: perses-cm doctor [--format table|json] [target options]

Checks the sidecar setup: the Perses workload and its k8s-sidecar env, Perses's version and
provisioning config, against the console's settings (as saved, else the target options: --kubeconfig,
--context, --namespaces, --label, --dir, --perses-url, --perses-namespace...).

  --format   table (default) or json

exit status: 0 nothing keeps resources from reaching Perses, 1 a blocking mismatch, 2 usage error`;

/** The command's own options; every other one is serve's (loadConfig checks it). */
const own = { format: { type: 'string', default: 'table' } } as const;

export function run(argv: string[]): Promise<number> {
  const spec = {
    name: 'doctor',
    usage,
    help: `${usage}\n\n${serveUsage}`,
    options: { ...flagSpec, ...own },
  };
  return runCli(spec, argv, async ({ values, tokens }) => {
    const format = values.format;
    if (format !== 'table' && format !== 'json')
      throw new UsageError('--format must be table or json');
    const { config } = loadConfig(targetArgs(tokens, Object.keys(own)));
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
  });
}
