// One table per bench file: each row a measure, its figure, its peer and target; printed, written
// as JSON under .reports/bench/<name>.json, and a missed target sets the exit code.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Row {
  measure: string;
  /** The figure, as printed (`5.2 s`, `1.3x`). */
  value: string;
  /** The raw number behind it, for the JSON. */
  number?: number;
  target?: string;
  /** Undefined: reported, no target. */
  ok?: boolean;
  note?: string;
}

export const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))] ?? NaN;
export const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
export const ms = (x: number) =>
  x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 1 : 0)} ms`;
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export function report(name: string, context: Record<string, unknown>, rows: Row[]): void {
  console.log(`\n${name}`);
  for (const r of rows) {
    const mark = r.ok === undefined ? '    ' : r.ok ? 'ok  ' : 'MISS';
    console.log(
      `${mark} ${r.measure.padEnd(58)} ${r.value.padStart(22)}  ${r.target ?? ''}${r.note ? `  (${r.note})` : ''}`,
    );
  }
  const dir = path.resolve(import.meta.dirname, '../../../.reports/bench');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ name, at: new Date().toISOString(), context, rows }, null, 2)}\n`,
  );
  console.log(`written to ${file}`);
  if (rows.some((r) => r.ok === false)) process.exitCode = 1;
}
