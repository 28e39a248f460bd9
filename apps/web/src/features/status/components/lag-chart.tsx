import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { LagSample } from '@perses-cm/api';
import { formatDuration } from '../../../lib/durations.ts';
import { describeLag, lagSeries } from '../hooks/lag-series.ts';

const HEIGHT = 220;

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

const seconds = (v: number | null) => (v === null ? '—' : v === 0 ? '0' : formatDuration(v * 1000));

function chartData(samples: readonly LagSample[], worstCaseMs: number | null): uPlot.AlignedData {
  const [xs, ys] = lagSeries(samples);
  const worst = worstCaseMs === null ? null : worstCaseMs / 1000;
  return [xs, ys, xs.map(() => worst)];
}

/**
 * Sync lag over time, drawn with uPlot (lazy chunk: not in the initial bundle). The dashed line
 * is the worst case the live interval allows.
 */
export default function LagChart({
  samples,
  worstCaseMs,
}: {
  samples: readonly LagSample[];
  worstCaseMs: number | null;
}) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const text = cssVar('--muted', '#6b7687');
    const grid = cssVar('--border', '#dde1e7');
    const accent = cssVar('--accent', '#2563eb');
    const warn = cssVar('--warn', '#a15c00');
    const axis = { stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } };
    const u = new uPlot(
      {
        width: Math.max(280, el.clientWidth),
        height: HEIGHT,
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
        series: [
          {},
          {
            label: 'Sync lag',
            stroke: accent,
            // Points, no line: each change stands alone, nothing happens between two of them.
            paths: () => null,
            points: { show: true, space: 0, size: 7, fill: accent },
            value: (_u, v) => seconds(v),
          },
          {
            label: 'Worst case',
            stroke: warn,
            width: 1,
            dash: [6, 4],
            points: { show: false },
            value: (_u, v) => seconds(v),
          },
        ],
        axes: [axis, { ...axis, size: 60, values: (_u, vals) => vals.map((v) => seconds(v)) }],
        legend: { live: true },
      },
      chartData(samples, worstCaseMs),
      el,
    );
    plot.current = u;
    const resize = new ResizeObserver(() =>
      u.setSize({ width: Math.max(280, el.clientWidth), height: HEIGHT }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Created once; new samples go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    plot.current?.setData(chartData(samples, worstCaseMs));
  }, [samples, worstCaseMs]);

  return (
    <div
      ref={host}
      className="lag-chart"
      role="img"
      aria-label={describeLag(samples)}
      data-samples={samples.length}
    />
  );
}
