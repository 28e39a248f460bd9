// The export's cost at scale: the wall time of a whole archive over HTTP, and how far the
// process's resident memory rose above where it stood before (peak RSS, reset through
// /proc/self/clear_refs on Linux; sampled elsewhere). The server and the reader share the
// process, and the reader only counts bytes, so the growth is the server's.
import { readFileSync, writeFileSync } from 'node:fs';

const MiB = 2 ** 20;

function resetPeak(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRss(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) * 1024;
  } catch {
    return null;
  }
}

export interface ExportCost {
  ms: number;
  bytes: number;
  rssGrowthMiB: number;
}

export async function measureExport(base: string, format: 'tgz' | 'zip'): Promise<ExportCost> {
  globalThis.gc?.();
  const before = process.memoryUsage.rss();
  const precise = resetPeak();
  let sampled = before;
  const sampler = precise
    ? null
    : setInterval(() => (sampled = Math.max(sampled, process.memoryUsage.rss())), 5);
  const t = performance.now();
  const res = await fetch(`${base}/api/v1/export?format=${format}`);
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Uint8Array).length;
  const ms = performance.now() - t;
  if (sampler) clearInterval(sampler);
  const peak = (precise ? peakRss() : null) ?? sampled;
  return { ms, bytes, rssGrowthMiB: Math.max(0, peak - before) / MiB };
}
