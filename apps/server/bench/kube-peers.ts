// The peers the console is measured against, on the same API server and data: the raw LIST (one
// GET of every labeled ConfigMap, then JSON.parse: the least any client must do), the project's
// kubectl reading the same set as JSON, and `kubectl get -w` seeing the same edits. Times and
// memory are each peer's own process, as the console's are.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { KubeConfig } from '@kubernetes/client-node';

export async function httpsOptions(kubeconfig: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const opts: { headers?: Record<string, string> } & Record<string, unknown> = { headers: {} };
  await kc.applyToHTTPSOptions(opts);
  return { server: kc.getCurrentCluster()!.server, opts };
}

export interface RawList {
  /** Request to parsed list, inside the process. */
  ms: number;
  items: number;
  documentBytes: number;
  listBytes: number;
  /** 1: one GET; more: read in pages of 500, one body being beyond V8's longest string. */
  pages: number;
  /** RSS of the process still holding the parsed list, after a full collection. */
  rssBytes: number;
}

/** The raw LIST (raw-list-process.mjs), in a process of its own. */
export async function rawList(kubeconfig: string, selector: string): Promise<RawList> {
  const { server, opts } = await httpsOptions(kubeconfig);
  const url = new URL(`${server}/api/v1/configmaps`);
  url.searchParams.set('labelSelector', selector);
  // Certificates and keys go as their PEM text, the agent stays (the options rebuild one).
  const options = JSON.stringify(opts, (k, v: unknown) =>
    k === 'agent'
      ? undefined
      : v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer'
        ? Buffer.from((v as { data: number[] }).data).toString('utf8')
        : v,
  );
  const child = spawn(
    process.execPath,
    ['--expose-gc', new URL('./raw-list-process.mjs', import.meta.url).pathname],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  child.stdin.end(`{"url":${JSON.stringify(url.href)},"options":${options}}`);
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`the raw LIST exited with ${code}`);
  return JSON.parse(out) as RawList;
}

/** The peak RSS (VmHWM) of a running process, read from /proc; 0 once it is gone. */
function peakRss(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(m?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * `kubectl get configmaps -A -l <selector> -o json`, output read and dropped: wall time, and its
 * peak RSS sampled every 10 ms until it exits (it holds the whole list while it prints it).
 */
export function kubectlGet(
  kubectl: string,
  kubeconfig: string,
  selector: string,
): Promise<{ ms: number; peakRssBytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      kubectl,
      ['--kubeconfig', kubeconfig, 'get', 'configmaps', '-A', '-l', selector, '-o', 'json'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, peakRss(child.pid!))), 10);
    child.stdout.resume();
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sampler);
      if (code === 0) resolve({ ms: performance.now() - started, peakRssBytes: peak });
      else reject(new Error(`kubectl exited with ${code}`));
    });
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
