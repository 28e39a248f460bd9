// `pnpm bench`: applying a burst of 5,000 live events (a re-list after an outage) to the list,
// as a ratio to the least work any implementation must do: one Map of the changes and one pass
// over the rows. Exits 1 when the ratio is over its target.
import type { ResourceSummary } from '@perses-cm/api';
import { patchItems } from '../src/features/resources/hooks/use-live-resources.ts';
import { summary } from '../src/test/fixtures.ts';

const COUNT = 5000;
const MAX_RATIO = 4;

function medianMs(fn: () => unknown, runs = 31): number {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return [...times].sort((a, b) => a - b)[Math.floor(runs / 2)] ?? NaN;
}

const items = Array.from({ length: COUNT }, (_, i) => summary({ name: `r${i}` }));
const events = items.map((r) => ({ type: 'modified' as const, resource: { ...r, version: '2' } }));

const ours = medianMs(() => patchItems(items, events));
const peer = medianMs(() => {
  const changed = new Map<string, ResourceSummary>(events.map((e) => [e.resource.id, e.resource]));
  return items.map((r) => changed.get(r.id) ?? r);
});
const ratio = ours / peer;
const ok = ratio <= MAX_RATIO;
console.log(
  `${ok ? 'ok  ' : 'MISS'} 5,000 live events applied to the list: ${ours.toFixed(2)} ms, ` +
    `${ratio.toFixed(1)}x one Map and one pass (${peer.toFixed(2)} ms), target <= ${MAX_RATIO}x`,
);
process.exitCode = ok ? 0 : 1;
