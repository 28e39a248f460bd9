// `perses-cm status [--format table|json] [--wait [--timeout 15m]] [serve's target flags]`: the
// provisioning status of every resource, as a CI job runs it after `helm upgrade`. It compares
// the cluster's (or a chart directory's) resources with what Perses serves, once, or until every
// one is Synced or one is Rejected, Stale or Shadowed. It never writes anything.
import { flagSpec, loadConfig, usage as serveUsage } from '../config.ts';
import { durationMs } from '../domain/model.ts';
import { createRuntime } from '../main.ts';
import type { StatusMonitor } from '../services/status/status-monitor.ts';
import { formatJson, formatTable, type StatusReport } from './status/format.ts';
import { runCli, UsageError } from './run-cli.ts';
import { targetArgs } from './target-args.ts';
import { EXIT, firstLookDone, verdictOf } from './status/verdict.ts';

const usage = `usage: perses-cm status [--format table|json] [--wait [--timeout 15m]] [target options]

Prints whether Perses serves what each labeled ConfigMap (or chart file) says, and why not.
Target options are serve's (--kubeconfig, --context, --namespaces, --label, --dir, --perses-url,
credentials, --perses-log-file...).

  --format   table (default) or json
  --wait     wait until every resource is Synced, or one is Rejected, Stale or Shadowed
  --timeout  longest wait (Go duration, default 15m)

exit status: 0 all Synced, 1 some Rejected, Stale or Shadowed, 2 usage error or no Perses,
3 not settled (still Pending, Drifted or Unknown; with --wait: at the timeout)`;

/** The command's own options; every other one is serve's (loadConfig checks it). */
const own = {
  format: { type: 'string', default: 'table' },
  wait: { type: 'boolean', default: false },
  timeout: { type: 'string', default: '15m' },
} as const;

function report(monitor: StatusMonitor): StatusReport {
  return {
    perses: monitor.connection(),
    resources: monitor.statuses(),
    orphans: monitor.orphans().items,
    now: Date.now(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function run(argv: string[]): Promise<number> {
  const spec = {
    name: 'status',
    usage,
    help: `${usage}\n\n${serveUsage}`,
    options: { ...flagSpec, ...own },
    // 1 says some resource is Rejected, Stale or Shadowed: an error of the console is not that.
    appErrorExit: EXIT.usage,
  };
  return runCli(spec, argv, async ({ values, tokens }) => {
    const format = values.format;
    if (format !== 'table' && format !== 'json')
      throw new UsageError('--format must be table or json');
    const timeoutMs = durationMs(String(values.timeout));
    if (timeoutMs === undefined)
      throw new UsageError('--timeout must be a duration such as 15m or 90s');
    // Everything else is a target option, in its order, checked by serve's rules.
    const { config } = loadConfig(targetArgs(tokens, Object.keys(own)));
    // No history is written and nothing is served: a read-only look.
    const runtime = await createRuntime(config, { status: { history: null, slowMs: 5000 } });
    const monitor = runtime.status;
    try {
      if (!monitor) throw new UsageError('the status is turned off');
      const deadline = Date.now() + timeoutMs;
      await monitor.ready();
      while (!firstLookDone(monitor.statuses().map((s) => s.status)) && Date.now() < deadline)
        await sleep(200);
      if (monitor.connection().state === 'not_configured')
        throw new UsageError(`no Perses to compare with: ${monitor.connection().message ?? ''}`);
      let verdict = verdictOf(monitor.statuses().map((s) => s.status));
      while (values.wait && !verdict.done && Date.now() < deadline) {
        await sleep(500);
        verdict = verdictOf(monitor.statuses().map((s) => s.status));
      }
      const r = report(monitor);
      process.stdout.write(format === 'json' ? formatJson(r) : formatTable(r));
      if (verdict.done) return verdict.exit;
      if (values.wait)
        console.error(
          `perses-cm status: ${verdict.waitingFor} resource(s) still not settled after ${values.timeout}`,
        );
      return EXIT.unsettled;
    } finally {
      await runtime.close();
    }
  });
}
