// Test helper: a server on a temporary copy of the sample chart.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SAMPLE_CHART_DIR, type ServerConfig } from '../config.ts';
import { startServer, type RunningServer } from '../main.ts';

export interface DirectoryServer extends RunningServer {
  dir: string;
  /** The audit lines the server wrote (to stdout outside tests). */
  auditLines: string[];
  dispose(): Promise<void>;
}

/** Settings of a loopback server on a chart directory, with no Perses and no web app. */
export function directoryConfig(dir: string, extra: Partial<ServerConfig> = {}): ServerConfig {
  return {
    host: '127.0.0.1',
    port: 0,
    target: { type: 'directory', dir },
    label: { key: 'perses.dev/resource', value: 'true' },
    persesUrl: null,
    webDist: null,
    ...extra,
  };
}

export async function startDirectoryServer(
  extra: Partial<ServerConfig> = {},
): Promise<DirectoryServer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-chart-'));
  await cp(SAMPLE_CHART_DIR, dir, { recursive: true });
  const auditLines: string[] = [];
  const server = await startServer(directoryConfig(dir, extra), {
    pollMs: 200,
    events: { heartbeatMs: 500 },
    auditWrite: (line) => auditLines.push(line),
  });
  // Extended, not copied: the server's getters follow its current settings.
  return Object.assign(server, {
    dir,
    auditLines,
    dispose: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  });
}
