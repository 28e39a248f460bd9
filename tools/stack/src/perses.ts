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

export async function startPerses(
  bins: Binaries,
  opts: { dataDir: string; logsDir: string; provisioningDir: string; provisioningInterval: string },
): Promise<{ child: Child; url: string; plugins: string[] }> {
  const dir = join(opts.dataDir, 'perses');
  // Perses writes plugin-modules.json into plugin.path, so each stack gets its own copy.
  const pluginDir = join(dir, 'plugins');
  cpSync(bins.persesPlugins, pluginDir, { recursive: true });
  const archiveDir = join(dir, 'plugins-archive');
  mkdirSync(archiveDir, { recursive: true });
  const config = {
    database: { file: { folder: join(dir, 'db'), extension: 'json' } },
    provisioning: { folders: [opts.provisioningDir], interval: opts.provisioningInterval },
    // Unarchived plugin folders (package.json, mf-manifest.json, schemas, cue.mod):
    // archive_paths points at an empty folder so nothing is unpacked over them.
    plugin: { path: pluginDir, archive_paths: [archiveDir] },
    security: { readonly: false, enable_auth: false },
  };
  const configFile = join(dir, 'config.yaml');
  writeFileSync(configFile, stringify(config));
  const port = await freePort();
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
    plugins: modules.map((m) => `${m.metadata.name}@${m.metadata.version}`).sort(),
  };
}
