// The raw LIST peer, in a process of its own so that its memory is read as the console's is: one
// unpaginated GET of every labeled ConfigMap, read whole and parsed with JSON.parse, then, still
// holding the parsed list, one full collection and the process's RSS. Plain JavaScript, no
// loader: the least a Node client must carry to hold the same data. kube-peers.ts runs it (with
// --expose-gc) and sends `{url, options}` (the https options of a kubeconfig) on stdin; it prints
// one JSON line.
import { request } from 'node:https';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { url, options } = JSON.parse(input);

function get() {
  return new Promise((resolve, reject) => {
    const req = request(url, { ...options, method: 'GET' }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () =>
        res.statusCode === 200
          ? resolve(Buffer.concat(chunks))
          : reject(new Error(`LIST: HTTP ${res.statusCode}`)),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

// The body's bytes and text are garbage once parsed: only the parsed list stays referenced.
async function read() {
  const body = await get();
  return { list: JSON.parse(body.toString('utf8')), listBytes: body.length };
}

const started = performance.now();
const { list, listBytes } = await read();
const ms = performance.now() - started;

let documentBytes = 0;
for (const cm of list.items)
  for (const v of Object.values(cm.data ?? {})) documentBytes += Buffer.byteLength(v);
globalThis.gc?.();
const rssBytes = process.memoryUsage().rss;
console.log(JSON.stringify({ ms, items: list.items.length, documentBytes, listBytes, rssBytes }));
