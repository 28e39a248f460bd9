// Test helper: the real stack from vitest's global setup, kubeconfigs and ConfigMap clients.
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { inject } from 'vitest';
import { parse, stringify } from 'yaml';
import { stackEnvSchema, type StackEnv } from '@perses-cm/stack/testing';
import type { ServerConfig } from '../config.ts';
import { startServer, type RunningServer, type RuntimeOptions } from '../main.ts';

export type { StackEnv };

export function stackEnv(): StackEnv {
  return stackEnvSchema.parse((inject as (key: string) => unknown)('stack'));
}

export function core(kubeconfig: string): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return kc.makeApiClient(CoreV1Api);
}

export const uniq = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

/** A copy of a kubeconfig whose server goes through `port` on loopback (a test proxy). */
export async function kubeconfigVia(kubeconfig: string, port: number): Promise<string> {
  const doc = parse(await readFile(kubeconfig, 'utf8')) as {
    clusters: { cluster: { server: string } }[];
  };
  for (const c of doc.clusters) {
    const u = new URL(c.cluster.server);
    u.port = String(port);
    c.cluster.server = u.toString().replace(/\/$/, '');
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'perses-cm-kc-'));
  const file = path.join(dir, 'kubeconfig');
  await writeFile(file, stringify(doc));
  return file;
}

export function startKubeServer(
  kubeconfig: string,
  namespaces: string[] | 'all',
  extra: Partial<ServerConfig> = {},
  /** Runtime options; audit lines go nowhere unless `auditWrite` says, so test output stays readable. */
  options: RuntimeOptions = {},
): Promise<RunningServer> {
  return startServer(
    {
      host: '127.0.0.1',
      port: 0,
      target: { type: 'kubernetes', kubeconfig, context: null, inCluster: false, namespaces },
      label: { key: 'perses.dev/resource', value: 'true' },
      persesUrl: null,
      webDist: null,
      ...extra,
    },
    // Small pages, so every test also goes through paginated lists.
    {
      events: { heartbeatMs: 1000 },
      auditWrite: () => {},
      ...options,
      loop: { minBackoffMs: 100, maxBackoffMs: 1000, pageSize: 2, ...options.loop },
    },
  );
}

/**
 * Deletes a test namespace's ConfigMaps, then the namespace. The stack runs no controller
 * manager, so a deleted namespace never empties by itself: its labeled ConfigMaps would stay in
 * the sidecar's folder and lengthen every Perses provisioning cycle of later tests.
 */
export async function removeNamespace(kubeconfig: string, namespace: string): Promise<void> {
  const api = core(kubeconfig);
  await api.deleteCollectionNamespacedConfigMap({ namespace }).catch(() => undefined);
  await api.deleteNamespace({ name: namespace }).catch(() => undefined);
}
