// A console on the stack's Kubernetes whose status watches a Perses of its own, one that provisions
// the stack's sidecar folder on the interval a test chooses (short to see a cycle happen, long so
// that only the console's direct write can explain a change), with other config sections if given
// (e.g. `security`). The ConfigMaps a test lists in `made` are deleted at the end.
import type { CoreV1Api } from '@kubernetes/client-node';
import { startExtraPerses, type ExtraPerses } from '@perses-cm/stack';
import type { ServerConfig } from '../config.ts';
import type { RunningServer } from '../main.ts';
import { apiClient } from './api-client.ts';
import { core, stackEnv, startKubeServer } from './kube-fixture.ts';

export interface OwnPersesOptions {
  /** Perses's provisioning interval, e.g. `10s` or `10m`. */
  interval: string;
  /** Further folders Perses provisions besides the sidecar's (e.g. roles a test needs). */
  folders?: string[];
  /** Further Perses config sections. */
  config?: Record<string, unknown>;
  /** Load every Perses plugin (dashboards with panels need them). */
  plugins?: boolean;
  /** How the console logs in to Perses. */
  persesAuth?: ServerConfig['persesAuth'];
  /** Runs once Perses is up, before the console starts (e.g. to sign up its user). */
  beforeConsole?: (persesUrl: string) => Promise<void>;
  /** The status monitor's poll periods. */
  polls: { fastMs: number; slowMs: number; maxBackoffMs: number };
}

export interface OwnPerses {
  perses: ExtraPerses;
  srv: RunningServer;
  api: ReturnType<typeof apiClient>;
  /** The stack's Kubernetes as its administrator. */
  admin: CoreV1Api;
  /** Perses's config as started, with `more` sections on top: to restart it changed. */
  config(more?: Record<string, unknown>): Record<string, unknown>;
  /** Names of ConfigMaps in `perses` to delete at the end. */
  made: string[];
  close(): Promise<void>;
}

export async function startWithOwnPerses(opts: OwnPersesOptions): Promise<OwnPerses> {
  const env = stackEnv();
  const config = (more: Record<string, unknown> = {}) => ({
    provisioning: {
      folders: [env.provisioningDir, ...(opts.folders ?? [])],
      interval: opts.interval,
    },
    ...opts.config,
    ...more,
  });
  const admin = core(env.kubeconfigs.admin);
  const perses = await startExtraPerses(config(), { plugins: opts.plugins ?? false });
  const made: string[] = [];
  let srv: RunningServer;
  try {
    await opts.beforeConsole?.(perses.url);
    srv = await startKubeServer(
      env.kubeconfigs.admin,
      ['perses'],
      {
        persesUrl: perses.url,
        ...(opts.persesAuth ? { persesAuth: opts.persesAuth } : {}),
        status: {
          persesLogFile: perses.logFile,
          sidecarLogFile: `${env.logsDir}/sidecar.log`,
          persesNamespaces: null,
          persesUiUrl: null,
        },
      },
      { status: { ...opts.polls, history: null } },
    );
  } catch (err) {
    await perses.stop();
    throw err;
  }
  return {
    perses,
    srv,
    api: apiClient(srv.url),
    admin,
    config,
    made,
    close: async () => {
      await srv.close();
      await perses.stop();
      for (const name of made)
        await admin.deleteNamespacedConfigMap({ namespace: 'perses', name }).catch(() => undefined);
    },
  };
}
