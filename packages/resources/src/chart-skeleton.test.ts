import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  CHART_GENERATOR_TEMPLATE,
  CHART_GENERATOR_TEMPLATE_PATH,
} from './chart-generator-template.ts';
import { chartNameProblem, chartSkeleton } from './chart-skeleton.ts';

describe('chartSkeleton', () => {
  it('is the template the sample chart renders with, byte for byte', () => {
    const sample = readFileSync(
      new URL(
        `../../../examples/perses-resources/${CHART_GENERATOR_TEMPLATE_PATH}`,
        import.meta.url,
      ),
      'utf8',
    );
    expect(sample).toBe(CHART_GENERATOR_TEMPLATE);
  });

  it('carries the selector as the sidecar values of each shape, a key alone with "true"', () => {
    const values = (shape: 'standalone' | 'umbrella', label: { key: string; value?: string }) =>
      parse(
        chartSkeleton({ name: 'x', shape, label }).find((f) => f.path === 'values.yaml')?.text ??
          '',
      );
    expect(values('standalone', { key: 'example.com/perses', value: 'yes' })).toEqual({
      sidecar: { label: 'example.com/perses', labelValue: 'yes' },
    });
    expect(values('umbrella', { key: 'perses.dev/resource' })).toEqual({
      perses: { sidecar: { enabled: true, label: 'perses.dev/resource', labelValue: 'true' } },
    });
  });

  it('refuses chart names Helm does not take', () => {
    expect(chartNameProblem('team-dashboards')).toBeUndefined();
    for (const bad of ['Team', 'a_b', '-a', 'a-', '1abc', 'x'.repeat(54)])
      expect(chartNameProblem(bad)).toMatch(/must be 1-53 lower-case letters/);
  });
});
