// A private etcd + kube-apiserver pair whose API server can be stopped and started again, for
// tests of clients that must survive an API server restart. It is separate from the shared
// stack, so restarting it never disturbs other tests.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackBinaries } from './binaries.ts';
import { readStackSettings } from './config.ts';
import { startApiserver, startEtcd } from './kube.ts';
import { generatePki } from './pki.ts';
import type { Child } from './proc.ts';
import { generateTokens, writeKubeconfig, writeTokenFile } from './users.ts';

export interface RestartableApiserver {
  /** URL of the API server now running (its port changes on every start). */
  url(): string;
  caFile: string;
  adminToken: string;
  /** Kubeconfig of the cluster-admin user, for the API server as first started. */
  adminKubeconfig: string;
  /** SIGTERM to the API server; etcd and its data stay. */
  stopApiserver(): Promise<void>;
  /** Starts a new API server process on the same etcd, PKI and tokens; resolves when ready. */
  startApiserver(): Promise<string>;
  stop(): Promise<void>;
}

export async function startRestartableApiserver(): Promise<RestartableApiserver> {
  const settings = readStackSettings();
  const bins = stackBinaries();
  const dataDir = mkdtempSync(join(tmpdir(), 'perses-cm-restartable-'));
  const logsDir = join(dataDir, 'logs');
  mkdirSync(logsDir);
  const pki = generatePki(dataDir);
  const tokens = generateTokens();
  const tokenFile = join(dataDir, 'tokens.csv');
  writeTokenFile(tokenFile, tokens);
  const etcd = await startEtcd(bins, dataDir, logsDir);
  let api: { child: Child; url: string } | null = null;
  const start = async () => {
    api = await startApiserver(bins, {
      etcdUrl: etcd.clientUrl,
      pki,
      tokenFile,
      adminToken: tokens.admin,
      dataDir,
      logsDir,
    });
    return api.url;
  };
  const firstUrl = await start().catch(async (err: unknown) => {
    await etcd.child.stop();
    throw err;
  });
  return {
    url: () => api?.url ?? firstUrl,
    caFile: pki.caCert,
    adminToken: tokens.admin,
    adminKubeconfig: writeKubeconfig(dataDir, 'admin', {
      server: firstUrl,
      caFile: pki.caCert,
      token: tokens.admin,
    }),
    stopApiserver: async () => {
      await api?.child.stop();
    },
    startApiserver: start,
    stop: async () => {
      await api?.child.stop();
      await etcd.child.stop();
      if (!settings.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
