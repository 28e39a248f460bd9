import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Binaries } from './binaries.ts';
import { freePort } from './net.ts';
import { spawnLogged, waitFor, type Child } from './proc.ts';

interface PluginModule {
  metadata: { name: string; version: string };
  status?: { isLoaded?: boolean; error?: string };
}

export interface PersesOptions {
  dataDir: string;
  logsDir: string;
  /** Folder to provision on an interval; none: no provisioning. */
  provisioning?: { dir: string; interval: string };
  /** Load the assembled plugins (default true; without them Perses starts faster). */
  plugins?: boolean;
  /** Top-level sections of the Perses config that replace the defaults (e.g. `security`). */
  config?: Record<string, unknown>;
  /** A fixed port (a restart on the same address); default a free one. */
  port?: number;
}

export async function startPerses(
  bins: Binaries,
  opts: PersesOptions,
): Promise<{ child: Child; url: string; port: number; plugins: string[] }> {
  const dir = join(opts.dataDir, 'perses');
  // Perses writes plugin-modules.json into plugin.path, so each Perses gets its own copy.
  const pluginDir = join(dir, 'plugins');
  if (opts.plugins ?? true) cpSync(bins.persesPlugins, pluginDir, { recursive: true });
  else mkdirSync(pluginDir, { recursive: true });
  const archiveDir = join(dir, 'plugins-archive');
  mkdirSync(archiveDir, { recursive: true });
  const config = {
    // Relative to Perses's working directory `dir`: v0.54.0 lower-cases the whole folder path of a
    // list query (file DB, not case-sensitive), so a temp path with upper case makes lists empty.
    database: { file: { folder: 'db', extension: 'json' } },
    ...(opts.provisioning && {
      provisioning: { folders: [opts.provisioning.dir], interval: opts.provisioning.interval },
    }),
    // Unarchived plugin folders (package.json, mf-manifest.json, schemas, cue.mod):
    // archive_paths points at an empty folder so nothing is unpacked over them.
    plugin: { path: pluginDir, archive_paths: [archiveDir] },
    security: { readonly: false, enable_auth: false },
    ...opts.config,
  };
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, stringify(config), { mode: 0o600 });
  const port = opts.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const child = spawnLogged(
    'perses',
    bins.perses,
    [`--config=${configFile}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=info'],
    { logFile: join(opts.logsDir, 'perses.log'), cwd: dir },
  );
  await waitFor(
    'Perses /api/v1/health',
    async () => ((await fetch(`${url}/api/v1/health`)).ok ? true : undefined),
    {
      child,
    },
  );
  if (opts.plugins === false) return { child, url, port, plugins: [] };
  const modules = (await (await fetch(`${url}/api/v1/plugins`)).json()) as PluginModule[];
  const broken = modules.filter((m) => m.status?.isLoaded === false);
  if (broken.length > 0) {
    await child.stop();
    const list = broken.map((m) => `${m.metadata.name}: ${m.status?.error ?? '?'}`).join('; ');
    throw new Error(`Perses failed to load plugins (${list}); see ${child.logFile}`);
  }
  return {
    child,
    url,
    port,
    plugins: modules.map((m) => `${m.metadata.name}@${m.metadata.version}`).sort(),
  };
}
