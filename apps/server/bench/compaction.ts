// `tsx apps/server/bench/compaction.ts`: how the store's text compaction (src/stores/stored-text.ts)
// does on the Kubernetes bench's real-shape documents: ratio, deflate and inflate speed per zlib
// level, over the first 1,000 seeded documents (two in five YAML), each level measured twice.
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { seededResource } from './kubernetes-seed.ts';

const texts = Array.from({ length: 1000 }, (_, i) => seededResource(i).resource.text);
const bytes = texts.reduce((s, t) => s + Buffer.byteLength(t, 'utf8'), 0);
const mib = (b: number) => `${(b / 2 ** 20).toFixed(2)} MiB`;
for (const level of [1, 3, 6, 1, 3, 6]) {
  let t0 = performance.now();
  const packed = texts.map((t) => deflateRawSync(t, { level }));
  const deflateMs = performance.now() - t0;
  t0 = performance.now();
  for (const p of packed) inflateRawSync(p).toString('utf8');
  const inflateMs = performance.now() - t0;
  const out = packed.reduce((s, p) => s + p.byteLength, 0);
  console.log(
    `level ${level}: ${mib(bytes)} -> ${mib(out)} (${(bytes / out).toFixed(1)}x); deflate ${deflateMs.toFixed(0)} ms (${(bytes / 2 ** 20 / (deflateMs / 1000)).toFixed(0)} MiB/s); inflate ${(inflateMs / texts.length).toFixed(2)} ms per document`,
  );
}
