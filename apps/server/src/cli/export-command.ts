// `perses-cm export`: the live resources of a cluster or a chart directory as a Helm chart, into
// an archive or a folder. Exit codes: 0 written, 1 not written (a source could not be read, or a
// write failed), 2 usage error.
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { ExportQuery } from '@perses-cm/api';
import { KINDS, type ResourceIdentity } from '@perses-cm/resources';
import { loadConfig, targetFlags } from '../config.ts';
import { createRuntime } from '../main.ts';
import { ExportService, type PreparedExport } from '../services/export/export-service.ts';
import { OutDirError, writeTree } from './export/write-tree.ts';
import { runCli, UsageError, type CliArgs } from './run-cli.ts';
import { targetArgs } from './target-args.ts';

export const usage = `usage: perses-cm export --from cluster|dir [source] [chart] [filters] (--out FILE | --out-dir DIR)

source
  --from cluster          labeled ConfigMaps: --kubeconfig PATH, --context NAME, --in-cluster,
                          --namespaces a,b | --all-namespaces, --label KEY=VALUE (as for serve)
  --from dir --dir PATH   a chart directory (every resource file under its files/)
chart
  --shape standalone|umbrella  umbrella: the perses chart as a dependency (default standalone)
  --name NAME             chart name (default perses-resources)
  --files stored|json     stored: each resource's own bytes (default); json: 2-space JSON
  --only-files            only the files/ tree, for a chart you already have
filters (as in the list)
  --kind KIND  --project NAME  --search TEXT  --findings errors|warnings|clean
  --status STATUS         refused here: provisioning states need the console's Perses
                          connection (the console's Export applies them)
  --resource KIND/[PROJECT/]NAME   hand-pick a resource (repeatable)
output
  --out FILE              archive: .zip for zip, else tgz (--format tgz|zip to choose); - for stdout
  --out-dir DIR           the chart as files (rewrites files/, removes resource files no longer there)`;

/** The command's own options; the target flags beside them go to loadConfig. */
const own = {
  from: { type: 'string' },
  shape: { type: 'string' },
  name: { type: 'string' },
  files: { type: 'string' },
  'only-files': { type: 'boolean' },
  format: { type: 'string' },
  kind: { type: 'string' },
  project: { type: 'string' },
  search: { type: 'string' },
  findings: { type: 'string' },
  status: { type: 'string' },
  resource: { type: 'string', multiple: true },
  out: { type: 'string' },
  'out-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const options = { ...targetFlags, ...own };

/** The export's field names as the CLI spells them. */
const flagOf: Record<string, string> = { q: '--search', content: '--only-files' };

function identityOf(ref: string): ResourceIdentity {
  const [kind = '', ...rest] = ref.split('/');
  const info = KINDS.find((k) => k.kind === kind);
  const scoped = info?.scope === 'project';
  if (!info || rest.length !== (scoped ? 2 : 1) || rest.some((p) => p === ''))
    throw new UsageError(
      `--resource "${ref}" must be KIND/PROJECT/NAME (project kinds) or KIND/NAME (global kinds)`,
    );
  return scoped
    ? { kind: info.kind, project: rest[0], name: rest[1] ?? '' }
    : { kind: info.kind, name: rest[0] ?? '' };
}

function parse({ values: v, tokens }: CliArgs<typeof options>) {
  if (v.from !== 'cluster' && v.from !== 'dir')
    throw new UsageError('--from must be "cluster" or "dir"');
  if (v.from === 'dir' && !v.dir) throw new UsageError('--from dir needs --dir PATH');
  if (v.from === 'cluster' && v.dir) throw new UsageError('--dir goes with --from dir');
  if ((v.out === undefined) === (v['out-dir'] === undefined))
    throw new UsageError('give exactly one of --out FILE and --out-dir DIR');
  if (v.status !== undefined)
    throw new UsageError(
      "--status: provisioning states need the console's Perses connection; use the console's Export",
    );
  const format = v.format ?? (v.out?.toLowerCase().endsWith('.zip') ? 'zip' : 'tgz');
  const q = ExportQuery.safeParse({
    format,
    shape: v.shape,
    name: v.name,
    files: v.files,
    content: v['only-files'] ? 'files' : 'chart',
    kind: v.kind,
    project: v.project,
    q: v.search,
    findings: v.findings,
  });
  if (!q.success) {
    const issue = q.error.issues[0];
    const field = String(issue?.path[0] ?? '');
    throw new UsageError(`${flagOf[field] ?? `--${field}`}: ${issue?.message ?? 'invalid'}`);
  }
  const { config } = loadConfig(targetArgs(tokens, Object.keys(own)));
  const wanted = v.from === 'dir' ? 'directory' : 'kubernetes';
  if (config.target.type !== wanted)
    throw new UsageError(
      `--from ${v.from}, but the settings select a ${config.target.type} target`,
    );
  if (
    config.target.type === 'directory' &&
    v['out-dir'] &&
    path.resolve(v['out-dir']) === config.target.dir
  )
    throw new UsageError('--out-dir is the chart being exported: write to another folder');
  const identities = v.resource?.map(identityOf);
  return {
    config,
    query: { ...q.data, ...(identities ? { identities } : {}) },
    out: v.out,
    outDir: v['out-dir'],
  };
}

function report(prepared: PreparedExport): void {
  const p = prepared.preview;
  for (const r of p.refused)
    console.error(
      `not exported: ${r.kind ?? ''} ${r.project ? `${r.project}/` : ''}${r.name ?? r.id} (${r.location}): ${r.reason}`,
    );
  if (p.withErrors > 0) console.error(`${p.withErrors} exported resources have lint errors`);
}

export function run(argv: string[]): Promise<number> {
  return runCli({ name: 'export', usage, options }, argv, (parsed) => exportChart(parse(parsed)));
}

async function exportChart(args: ReturnType<typeof parse>): Promise<number> {
  const runtime = await createRuntime(args.config, { pollMs: 3_600_000, status: false });
  try {
    const exporter = new ExportService(runtime.resources, args.config.label);
    const prepared = await exporter.prepare(runtime.identity, args.query);
    report(prepared);
    if (prepared.preview.errors.length > 0) {
      for (const e of prepared.preview.errors)
        console.error(`cannot read ${e.source}: ${e.message}`);
      console.error(
        'perses-cm export: nothing written, since the export would miss those resources',
      );
      return 1;
    }
    const p = prepared.preview;
    if (args.outDir !== undefined) {
      const removed = await writeTree(args.outDir, prepared.files);
      console.error(
        `${p.resources} resources, ${p.tree.length} files written to ${args.outDir}${removed.length ? `, ${removed.length} removed` : ''}`,
      );
    } else {
      const out = args.out === '-' ? process.stdout : createWriteStream(args.out ?? '');
      await exporter.write(prepared, args.query.format, out);
      if (args.out !== '-')
        console.error(`${p.resources} resources, ${p.tree.length} files in ${args.out}`);
    }
    return 0;
  } catch (err) {
    if (!(err instanceof OutDirError || (err as NodeJS.ErrnoException).code)) throw err;
    console.error(`perses-cm export: ${(err as Error).message}`);
    return 1;
  } finally {
    await runtime.close();
  }
}
