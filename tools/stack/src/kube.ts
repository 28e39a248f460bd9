import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Binaries } from './binaries.ts';
import { freePort, httpStatus, httpsGet } from './net.ts';
import type { Pki } from './pki.ts';
import { spawnLogged, waitFor, type Child } from './proc.ts';

export async function startEtcd(bins: Binaries, dataDir: string, logsDir: string) {
  const [client, peer] = [await freePort(), await freePort()];
  const clientUrl = `http://127.0.0.1:${client}`;
  const peerUrl = `http://127.0.0.1:${peer}`;
  const child = spawnLogged(
    'etcd',
    bins.etcd,
    [
      '--name=stack',
      `--data-dir=${join(dataDir, 'etcd')}`,
      `--listen-client-urls=${clientUrl}`,
      `--advertise-client-urls=${clientUrl}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=stack=${peerUrl}`,
      '--log-level=warn',
      // Throw-away data: skipping fsync makes every write much cheaper on CI disks.
      '--unsafe-no-fsync',
    ],
    { logFile: join(logsDir, 'etcd.log') },
  );
  await waitFor(
    'etcd /health',
    async () => ((await httpStatus(`${clientUrl}/health`)) === 200 ? true : undefined),
    { child },
  );
  return { child, clientUrl };
}

export async function startApiserver(
  bins: Binaries,
  opts: {
    etcdUrl: string;
    pki: Pki;
    tokenFile: string;
    adminToken: string;
    dataDir: string;
    logsDir: string;
  },
): Promise<{ child: Child; url: string }> {
  const port = await freePort();
  const certDir = join(opts.dataDir, 'apiserver-certs');
  mkdirSync(certDir, { recursive: true });
  const url = `https://127.0.0.1:${port}`;
  const child = spawnLogged(
    'kube-apiserver',
    bins.kubeApiserver,
    [
      `--etcd-servers=${opts.etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${port}`,
      `--cert-dir=${certDir}`,
      `--tls-cert-file=${opts.pki.servingCert}`,
      `--tls-private-key-file=${opts.pki.servingKey}`,
      `--client-ca-file=${opts.pki.caCert}`,
      `--token-auth-file=${opts.tokenFile}`,
      '--authorization-mode=Node,RBAC',
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
      `--service-account-key-file=${opts.pki.saPublicKey}`,
      `--service-account-signing-key-file=${opts.pki.saPrivateKey}`,
      '--service-cluster-ip-range=10.96.0.0/24',
      // No nodes or controllers run: endpoints for a loopback address would be refused anyway.
      '--endpoint-reconciler-type=none',
      '--enable-priority-and-fairness=false',
      '--profiling=false',
      '--v=1',
    ],
    { logFile: join(opts.logsDir, 'kube-apiserver.log') },
  );
  const ca = readFileSync(opts.pki.caCert, 'utf8');
  await waitFor(
    'kube-apiserver /readyz',
    async () =>
      (await httpsGet(`${url}/readyz`, { ca, token: opts.adminToken })).status === 200
        ? true
        : undefined,
    { child, timeoutMs: 120_000, intervalMs: 300 },
  );
  return { child, url };
}
