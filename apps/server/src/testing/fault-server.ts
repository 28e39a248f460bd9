// Test helper: a console whose every Kubernetes connection goes through a fault proxy, with the
// deadlines shortened so a fault of seconds proves what one of minutes would in production.
import { startFaultProxy, type FaultProxy } from '@perses-cm/stack/testing';
import type { RunningServer, RuntimeOptions } from '../main.ts';
import { kubeconfigVia, startKubeServer } from './kube-fixture.ts';

/**
 * Production: reads 30 s, writes 10 s, checks 2 s; decisions 30 s; watches of 45 s + 10 s, so a
 * frozen watch is noticed within 55 s. Here the same rules run on a scale of seconds.
 */
export const SHORT: Required<Pick<RuntimeOptions, 'kube' | 'loop'>> = {
  kube: {
    deadlines: { readMs: 3_000, writeMs: 2_000, checkMs: 1_000 },
    access: { ttlMs: 1_000, waitMs: 500 },
  },
  loop: { watchTimeoutSeconds: 6, watchGraceMs: 2_000 },
};

/** How long a frozen watch can go unnoticed with `SHORT`: its timeout plus the grace. */
export const FROZEN_WATCH_LIMIT_MS =
  (SHORT.loop.watchTimeoutSeconds ?? 0) * 1000 + (SHORT.loop.watchGraceMs ?? 0);

export interface FaultServer {
  srv: RunningServer;
  proxy: FaultProxy;
  close(): Promise<void>;
}

export async function startFaultServer(
  apiServer: string,
  kubeconfig: string,
  namespaces: string[],
  options: RuntimeOptions = {},
): Promise<FaultServer> {
  const url = new URL(apiServer);
  const proxy = await startFaultProxy(url.hostname, Number(url.port));
  const srv = await startKubeServer(
    await kubeconfigVia(kubeconfig, proxy.port),
    namespaces,
    // The tests write in loops until a fault shows: the console's write rate limit is not theirs.
    { security: { writesPerMinute: 100_000 } },
    {
      ...options,
      kube: {
        deadlines: { ...SHORT.kube.deadlines, ...options.kube?.deadlines },
        access: { ...SHORT.kube.access, ...options.kube?.access },
      },
      loop: { ...SHORT.loop, ...options.loop },
    },
  );
  return {
    srv,
    proxy,
    close: async () => {
      // Open the way first, so nothing waits on a held or frozen connection while closing.
      await proxy.restore();
      await srv.close();
      await proxy.close();
    },
  };
}
