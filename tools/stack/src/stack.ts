import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackBinaries } from './binaries.ts';
import { readStackSettings } from './config.ts';
import { PROVISIONING_LABEL, PROVISIONING_LABEL_VALUE, type StackEnv } from './env.ts';
import { startApiserver, startEtcd } from './kube.ts';
import { startPerses } from './perses.ts';
import { generatePki } from './pki.ts';
import type { Child } from './proc.ts';
import { bootstrapCluster } from './rbac.ts';
import { startSidecarProcess } from './sidecar-process.ts';
import { generateTokens, writeKubeconfig, writeTokenFile } from './users.ts';

export interface StartOptions {
  /** Go duration, e.g. `3s`; defaults to STACK_PROVISIONING_INTERVAL or 3s. */
  provisioningInterval?: string;
  log?: (msg: string) => void;
}

export interface RunningStack {
  env: StackEnv;
  stop(): Promise<void>;
}

/** Starts etcd, kube-apiserver, the sidecar and Perses on loopback, in a fresh temp folder. */
export async function startStack(opts: StartOptions = {}): Promise<RunningStack> {
  const settings = readStackSettings();
  const log = opts.log ?? (() => {});
  const bins = stackBinaries();
  const dataDir = mkdtempSync(join(tmpdir(), 'perses-cm-stack-'));
  const logsDir = join(dataDir, 'logs');
  const provisioningDir = join(dataDir, 'provisioning');
  mkdirSync(logsDir);
  mkdirSync(provisioningDir);
  const children: Child[] = [];
  const stop = async () => {
    // Reverse start order: Perses and the sidecar go before the apiserver they talk to.
    for (const c of children.reverse()) {
      const t = Date.now();
      await c.stop();
      log(`${c.name} stopped in ${Date.now() - t} ms`);
    }
    if (!settings.keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const started = Date.now();
    const pki = generatePki(dataDir);
    const tokens = generateTokens();
    const tokenFile = join(dataDir, 'tokens.csv');
    writeTokenFile(tokenFile, tokens);
    const etcd = await startEtcd(bins, dataDir, logsDir);
    children.push(etcd.child);
    log(`etcd ready at ${etcd.clientUrl}`);
    const api = await startApiserver(bins, {
      etcdUrl: etcd.clientUrl,
      pki,
      tokenFile,
      adminToken: tokens.admin,
      dataDir,
      logsDir,
    });
    children.push(api.child);
    log(`kube-apiserver ready at ${api.url}`);
    const kubeconfig = (user: keyof typeof tokens) =>
      writeKubeconfig(dataDir, user, { server: api.url, caFile: pki.caCert, token: tokens[user] });
    const kubeconfigs = {
      admin: kubeconfig('admin'),
      editor: kubeconfig('editor'),
      viewer: kubeconfig('viewer'),
    };
    await bootstrapCluster(kubeconfigs.admin);
    log('namespaces and RBAC created');
    const sidecar = await startSidecarProcess({
      kubeconfig: kubeconfig('perses-sidecar'),
      folder: provisioningDir,
      label: PROVISIONING_LABEL,
      labelValue: PROVISIONING_LABEL_VALUE,
      logsDir,
    });
    children.push(sidecar.child);
    log(`sidecar ready at ${sidecar.healthUrl}`);
    const provisioningInterval = opts.provisioningInterval ?? settings.provisioningInterval;
    const perses = await startPerses(bins, {
      dataDir,
      logsDir,
      provisioning: { dir: provisioningDir, interval: provisioningInterval },
    });
    children.push(perses.child);
    log(
      `Perses ready at ${perses.url} with ${perses.plugins.length} plugin modules (${Date.now() - started} ms)`,
    );
    if (bins.missingPlugins.length > 0) {
      log(`WARNING: Perses runs without the plugins ${bins.missingPlugins.join(', ')}`);
    }
    const env: StackEnv = {
      apiServer: api.url,
      kubeconfigs,
      persesUrl: perses.url,
      provisioningDir,
      provisioningInterval,
      dataDir,
      caFile: pki.caCert,
      logsDir,
      sidecar: {
        label: PROVISIONING_LABEL,
        labelValue: PROVISIONING_LABEL_VALUE,
        healthUrl: sidecar.healthUrl,
      },
      persesPlugins: perses.plugins,
      persesPluginsMissing: bins.missingPlugins,
    };
    return { env, stop };
  } catch (err) {
    const keep = settings.keepData;
    await stop();
    throw new Error(`${String(err)}${keep ? '' : ' (set STACK_KEEP_DATA=1 to keep the logs)'}`, {
      cause: err,
    });
  }
}
