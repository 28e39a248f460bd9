// A Perses of its own for one test: started from the cached binary on a free loopback port with
// the given config sections (e.g. `security` with native auth on), in a throw-away folder. It can be
// restarted on the same port and database with another config (e.g. a new encryption key, which
// invalidates every token it signed).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { locateBinaries } from './binaries.ts';
import { readStackSettings } from './config.ts';
import { startPerses } from './perses.ts';
import type { Child } from './proc.ts';

export interface ExtraPerses {
  url: string;
  logFile: string;
  /** Stops it and starts it again on the same port and database, with `config` if given. */
  restart(config?: Record<string, unknown>): Promise<void>;
  /** Stops the process, keeping its port free for `resume` and its database. */
  pause(): Promise<void>;
  /** Starts it again after `pause`, on the same port and database, with the same config. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startExtraPerses(
  config: Record<string, unknown> = {},
  opts: { plugins?: boolean } = {},
): Promise<ExtraPerses> {
  const settings = readStackSettings();
  const bins = locateBinaries(settings.cacheDir);
  const dataDir = mkdtempSync(join(tmpdir(), 'perses-cm-extra-perses-'));
  const logsDir = join(dataDir, 'logs');
  mkdirSync(logsDir);
  const start = (cfg: Record<string, unknown>, port?: number) =>
    startPerses(bins, { dataDir, logsDir, config: cfg, port, plugins: opts.plugins ?? false });
  let running: { child: Child; url: string; port: number } | null = null;
  try {
    running = await start(config);
  } catch (err) {
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const port = running.port;
  return {
    url: running.url,
    logFile: running.child.logFile,
    restart: async (next = config) => {
      await running?.child.stop();
      running = await start(next, port);
    },
    pause: async () => {
      await running?.child.stop();
      running = null;
    },
    resume: async () => {
      running ??= await start(config, port);
    },
    stop: async () => {
      await running?.child.stop();
      running = null;
      if (!settings.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
