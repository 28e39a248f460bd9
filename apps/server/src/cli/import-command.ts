// `perses-cm import [--dry-run] SOURCE…`: the console's import from the command line. Each source
// is previewed (the table is printed), then, unless --dry-run, its entries are applied through the
// same service as the web page. Updates are written only with --update (the CLI's tick). Exit
// codes: 0 all went through, 1 anything refused, failed or unreadable, 2 usage error.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportPreview } from '@perses-cm/api';
import { flagSpec, loadConfig } from '../config.ts';
import type { Identity } from '../domain/identity.ts';
import { createRuntime } from '../main.ts';
import type { ImportService } from '../services/import/import-service.ts';
import { previewTable, reportTable } from './import/table.ts';
import { runCli, UsageError, type CliArgs } from './run-cli.ts';
import { targetArgs } from './target-args.ts';

export const usage = `usage: perses-cm import [--dry-run] [--update] [target] [placement] SOURCE…

SOURCE
  FILE                    a resource file (.json, .yaml, .yml; perses-operator manifests too),
                          or an archive (.tgz, .tar, .zip) such as an exported chart
  DIR                     a chart folder (only its files/ tree is read) or any folder of files
  grafana:FILE            a Grafana dashboard JSON, migrated by Perses (needs --perses-url, --project)
target (serve's options)
  --dir PATH | --kubeconfig PATH [--context NAME] [--in-cluster] [--namespaces a,b | --all-namespaces]
  --label KEY=VALUE  --perses-url URL (Perses's verdict in the preview; needed for grafana:)
  and Perses's credentials (--perses-token-file, --perses-user, --perses-password-file)
placement
  --namespace NS          where new resources go (default: the first watched namespace)
  --project NAME          project of Grafana dashboards and of perses-operator resources
apply
  --dry-run               print the preview only; write nothing
  --update                also write the updates the preview shows (else they are skipped)
  --apply-now             also write each resource to Perses at once
exit status: 1 when anything is refused, fails or cannot be read; 2 on a usage error`;

/** The command's own options; every other option is serve's (loadConfig checks it). */
const own = {
  namespace: { type: 'string' },
  project: { type: 'string' },
  'dry-run': { type: 'boolean' },
  update: { type: 'boolean' },
  'apply-now': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

// Declared whole, so a target flag's value is never taken for a SOURCE.
const options = { ...flagSpec, ...own };

function parse({ values: v, positionals, tokens }: CliArgs<typeof options>) {
  if (positionals.length === 0) throw new UsageError('give at least one SOURCE');
  if (positionals.some((p) => p.startsWith('grafana:')) && !v.project)
    throw new UsageError('grafana: sources need --project NAME');
  const flags = tokens.filter((t) => t.kind !== 'positional');
  const { config } = loadConfig(targetArgs(flags, Object.keys(own)));
  const placement = {
    ...(v.namespace ? { namespace: v.namespace } : {}),
    ...(v.project ? { project: v.project } : {}),
  };
  return { config, sources: positionals, placement, v };
}

type Placement = { namespace?: string; project?: string };

async function previewOf(
  svc: ImportService,
  who: Identity,
  source: string,
  at: Placement,
): Promise<ImportPreview> {
  if (source.startsWith('grafana:')) {
    const text = await readFile(source.slice('grafana:'.length), 'utf8');
    return svc.preview(who, { source: 'grafana', text, project: at.project ?? '', ...at });
  }
  if ((await stat(source)).isDirectory()) return svc.previewFolder(who, source, at);
  return svc.previewUpload(who, createReadStream(source), {
    filename: path.basename(source),
    ...at,
  });
}

export function run(argv: string[]): Promise<number> {
  return runCli({ name: 'import', usage, options, positionals: true }, argv, (parsed) =>
    importAll(parse(parsed)),
  );
}

async function importAll(args: ReturnType<typeof parse>): Promise<number> {
  const runtime = await createRuntime(args.config, {
    pollMs: 3_600_000,
    status: false,
    auditWrite: () => {},
  });
  let failed = false;
  try {
    for (const source of args.sources) {
      let preview: ImportPreview;
      try {
        preview = await previewOf(runtime.importer, runtime.identity, source, args.placement);
      } catch (err) {
        console.error(`perses-cm import: ${source}: ${(err as Error).message}`);
        failed = true;
        continue;
      }
      console.log(previewTable(preview));
      if (preview.counts.refused > 0 || preview.errors.length > 0) failed = true;
      if (args.v['dry-run'] || preview.counts.create + preview.counts.update === 0) continue;
      const items = preview.entries
        .filter((e) => e.action === 'create' || (e.action === 'update' && args.v.update))
        .map((e) => ({
          key: e.key,
          ...(e.existing ? { overwrite: { version: e.existing.version } } : {}),
        }));
      const report = await runtime.importer.apply(
        runtime.identity,
        preview.id,
        { items, applyNow: args.v['apply-now'] === true },
        'cli',
        () => {},
      );
      console.log(reportTable(report));
      if (report.counts.failed > 0) failed = true;
    }
  } finally {
    await runtime.close();
  }
  return failed ? 1 : 0;
}
