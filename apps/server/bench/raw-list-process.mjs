// The raw LIST peer, in a process of its own so that its memory is read as the console's is: one
// unpaginated GET of every labeled ConfigMap, read whole and parsed with JSON.parse, then, still
// holding the parsed list, one full collection and the process's RSS. A body longer than V8's
// longest string (about 512 MiB: 20,000 real-shape dashboards) cannot be parsed at once by any
// Node client: the LIST is then read again in pages of 500, as kubectl and the console read it,
// each page parsed as it arrives, and the pages are reported. Plain JavaScript, no
// loader: the least a Node client must carry to hold the same data. kube-peers.ts runs it (with
// --expose-gc) and sends `{url, options}` (the https options of a kubeconfig) on stdin; it prints
// one JSON line.
import { constants } from 'node:buffer';
import { request } from 'node:https';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { url, options } = JSON.parse(input);

function get(url) {
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
  const body = await get(url);
  if (body.length > constants.MAX_STRING_LENGTH) return null;
  return { list: JSON.parse(body.toString('utf8')), listBytes: body.length, pages: 1 };
}

async function readPaged(limit) {
  const items = [];
  let listBytes = 0;
  let pages = 0;
  let token;
  do {
    const page = new URL(url);
    page.searchParams.set('limit', String(limit));
    if (token) page.searchParams.set('continue', token);
    const body = await get(page);
    listBytes += body.length;
    pages++;
    const parsed = JSON.parse(body.toString('utf8'));
    for (const item of parsed.items) items.push(item);
    token = parsed.metadata?.continue;
  } while (token);
  return { list: { items }, listBytes, pages };
}

let started = performance.now();
let read1 = await read();
if (read1 === null) {
  started = performance.now();
  read1 = await readPaged(500);
}
const { list, listBytes, pages } = read1;
const ms = performance.now() - started;

let documentBytes = 0;
for (const cm of list.items)
  for (const v of Object.values(cm.data ?? {})) documentBytes += Buffer.byteLength(v);
globalThis.gc?.();
const rssBytes = process.memoryUsage().rss;
console.log(
  JSON.stringify({ ms, items: list.items.length, documentBytes, listBytes, pages, rssBytes }),
);
