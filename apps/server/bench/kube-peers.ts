// The peers the console is measured against, on the same API server and data: the raw LIST (one
// GET of every labeled ConfigMap, then JSON.parse: the least any client must do), the project's
// kubectl reading the same set as JSON, and `kubectl get -w` seeing the same edits.
import { spawn } from 'node:child_process';
import { request } from 'node:https';
import { createInterface } from 'node:readline';
import { KubeConfig } from '@kubernetes/client-node';

export async function httpsOptions(kubeconfig: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const opts: { headers?: Record<string, string> } & Record<string, unknown> = { headers: {} };
  await kc.applyToHTTPSOptions(opts);
  return { server: kc.getCurrentCluster()!.server, opts };
}

/** One unpaginated LIST, read whole and parsed: wall time and the bytes of the data values. */
export async function rawList(
  kubeconfig: string,
  selector: string,
): Promise<{ ms: number; items: number; documentBytes: number; listBytes: number }> {
  const { server, opts } = await httpsOptions(kubeconfig);
  const url = new URL(`${server}/api/v1/configmaps`);
  url.searchParams.set('labelSelector', selector);
  const started = performance.now();
  const body = await new Promise<Buffer>((resolve, reject) => {
    const req = request(url, { ...opts, method: 'GET' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(Buffer.concat(chunks))
          : reject(new Error(`LIST: ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
  const list = JSON.parse(body.toString('utf8')) as { items: { data?: Record<string, string> }[] };
  const elapsed = performance.now() - started;
  let documentBytes = 0;
  for (const cm of list.items)
    for (const v of Object.values(cm.data ?? {})) documentBytes += Buffer.byteLength(v);
  return { ms: elapsed, items: list.items.length, documentBytes, listBytes: body.length };
}

/** `kubectl get configmaps -A -l <selector> -o json`, output read and dropped: wall time. */
export function kubectlGet(kubectl: string, kubeconfig: string, selector: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      kubectl,
      ['--kubeconfig', kubeconfig, 'get', 'configmaps', '-A', '-l', selector, '-o', 'json'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(performance.now() - started)
        : reject(new Error(`kubectl exited with ${code}`)),
    );
  });
}

/** `kubectl get -w`: when each `name resourceVersion` line arrives. */
export interface KubectlWatch {
  seen(name: string, resourceVersion: string, timeoutMs?: number): Promise<number>;
  stop(): void;
}

export async function kubectlWatch(
  kubectl: string,
  kubeconfig: string,
  namespace: string,
  selector: string,
): Promise<KubectlWatch> {
  const child = spawn(
    kubectl,
    [
      '--kubeconfig',
      kubeconfig,
      'get',
      'configmaps',
      '-n',
      namespace,
      '-l',
      selector,
      '--watch-only',
      '-o',
      'jsonpath={.metadata.name} {.metadata.resourceVersion}{"\\n"}',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, (t: number) => void>();
  createInterface(child.stdout).on('line', (line) => {
    const t = performance.now();
    arrivals.set(line.trim(), t);
    waiters.get(line.trim())?.(t);
  });
  return {
    seen: (name, rv, timeoutMs = 30_000) => {
      const key = `${name} ${rv}`;
      const at = arrivals.get(key);
      if (at !== undefined) return Promise.resolve(at);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`kubectl -w never showed ${key}`)),
          timeoutMs,
        );
        waiters.set(key, (t) => {
          clearTimeout(timer);
          resolve(t);
        });
      });
    },
    stop: () => child.kill(),
  };
}
