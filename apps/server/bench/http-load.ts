// Load on a running console from outside its process: list requests from concurrent clients, and
// edits by another Kubernetes client timed to the console's SSE event and to `kubectl get -w`.
import { Agent, get } from 'node:http';
import { request } from 'node:https';
import { openSse } from '../src/testing/sse.ts';
import { p95 } from './bench-report.ts';
import { httpsOptions, type KubectlWatch } from './kube-peers.ts';

/**
 * p95 of whole-response times for `clients` concurrent clients, `perClient` requests each. Each
 * client accepts gzip as a browser does and reads the answer to its last byte as the server sent
 * it; with `decode`, each answer is also decoded and read as a browser's fetch does, in this one
 * process for all the clients at once (browsers decode on their own machines).
 */
export async function listP95(
  url: string,
  clients: number,
  perClient: number,
  decode = false,
): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const times: number[] = [];
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        if (decode) {
          const res = await fetch(url);
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
        } else await readWhole(url, agent);
        times.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  return p95(times);
}

function readWhole(url: string, agent: Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = get(url, { agent, headers: { 'accept-encoding': 'gzip' } }, (res) => {
      res.on('data', () => undefined);
      res.on('error', reject);
      res.on('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`${url}: HTTP ${res.statusCode}`)),
      );
    });
    req.on('error', reject);
  });
}

export interface Editor {
  /** Merge-patches one data key (as `kubectl patch` does); resolves with the new resourceVersion. */
  patch(namespace: string, name: string, key: string, text: string): Promise<string>;
}

export async function kubeEditor(kubeconfig: string): Promise<Editor> {
  const { server, opts } = await httpsOptions(kubeconfig);
  return {
    patch: (namespace, name, key, text) =>
      new Promise((resolve, reject) => {
        const url = new URL(`${server}/api/v1/namespaces/${namespace}/configmaps/${name}`);
        const req = request(
          url,
          {
            ...opts,
            method: 'PATCH',
            headers: { ...opts.headers, 'content-type': 'application/merge-patch+json' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
                metadata?: { resourceVersion?: string };
              };
              if (res.statusCode !== 200) reject(new Error(`PATCH ${name}: ${res.statusCode}`));
              else resolve(body.metadata?.resourceVersion ?? '');
            });
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ data: { [key]: text } }));
      }),
  };
}

export interface Target {
  namespace: string;
  name: string;
  key: string;
  /** The text of the n-th edit. */
  text(n: number): string;
}

/**
 * Edits `target` `edits` times, one at a time; for each, the time from the edit's request to the
 * console's SSE event and to kubectl's line. Edits before kubectl's watch is open are not
 * printed by it: warm-up edits are repeated until it shows one, and are not counted.
 */
export async function propagation(
  consoleUrl: string,
  editor: Editor,
  watch: KubectlWatch,
  target: Target,
  edits: number,
): Promise<{ console: number[]; kubectl: number[] }> {
  const sse = await openSse(`${consoleUrl}/api/v1/events`);
  const out = { console: [] as number[], kubectl: [] as number[] };
  try {
    for (let n = 0, warm = false; !warm; n--) {
      const rv = await editor.patch(target.namespace, target.name, target.key, target.text(n));
      warm = await watch.seen(target.name, rv, 3000).then(
        () => true,
        () => (n < -10 ? Promise.reject(new Error('kubectl -w shows no edit')) : false),
      );
    }
    for (let n = 1; n <= edits; n++) {
      const t0 = performance.now();
      const rv = await editor.patch(target.namespace, target.name, target.key, target.text(n));
      const [seenByConsole, seenByKubectl] = await Promise.all([
        sse
          .waitFor(
            (e) =>
              e.type === 'modified' &&
              e.resource.configMapName === target.name &&
              e.resource.version === rv,
            30_000,
            `the console's event for ${target.name}@${rv}`,
          )
          .then(() => performance.now()),
        watch.seen(target.name, rv),
      ]);
      out.console.push(seenByConsole - t0);
      out.kubectl.push(seenByKubectl - t0);
    }
  } finally {
    sse.close();
  }
  return out;
}
