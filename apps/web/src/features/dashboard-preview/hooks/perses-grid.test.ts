import { describe, expect, it } from 'vitest';
import { dashboardLayout, type DashboardLayout, type GridBox } from '@perses-cm/resources';
import { clampBox, drawnLayout, landing, placement, writtenLayout } from './perses-grid.ts';

function section(items: [string, GridBox][]) {
  const panels = Object.fromEntries(
    items.map(([key]) => [
      key,
      { kind: 'Panel', spec: { plugin: { kind: 'Markdown', spec: {} } } },
    ]),
  );
  const layout = dashboardLayout({
    kind: 'Dashboard',
    spec: {
      panels,
      layouts: [
        {
          kind: 'Grid',
          spec: {
            items: items.map(([key, b]) => ({ ...b, content: { $ref: `#/spec/panels/${key}` } })),
          },
        },
      ],
    },
  }) as DashboardLayout;
  return must(layout.sections[0]);
}

function must<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('expected a value');
  return value;
}

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });

describe('drawnLayout: where Perses draws a Grid', () => {
  it('floats panels up into empty rows and pushes an overlapping one down', () => {
    const s = section([
      ['a', box(0, 7, 12, 6)],
      ['b', box(12, 7, 12, 6)],
      ['c', box(6, 9, 12, 2)],
    ]);
    expect([...drawnLayout(writtenLayout(s))]).toEqual([
      ['0.0', box(0, 0, 12, 6)],
      ['0.1', box(12, 0, 12, 6)],
      ['0.2', box(6, 6, 12, 2)],
    ]);
  });
});

describe('keyboard arrangement: landing, then what to write', () => {
  const s = section([
    ['a', box(0, 0, 8, 4)],
    ['b', box(0, 4, 8, 3)],
    ['c', box(8, 0, 8, 4)],
  ]);
  const at = (drawing: ReturnType<typeof landing>, id: string) => drawing?.get(id);

  it('moving down past the panel below swaps them; writing a alone after b keeps that', () => {
    const down = landing(s, '0.0', { y: 1 });
    expect([at(down, '0.0'), at(down, '0.1'), at(down, '0.2')]).toEqual([
      box(0, 3, 8, 4),
      box(0, 0, 8, 3),
      box(8, 0, 8, 4),
    ]);
    // b stays written at y 4: a must be written below it to be drawn below it.
    expect(placement(s, '0.0', must(down))).toEqual(box(0, 5, 8, 4));
  });

  it('refuses what only rewriting another panel could give (b above a, written first)', () => {
    const up = landing(s, '0.1', { y: -1 });
    expect(at(up, '0.1')).toEqual(box(0, 0, 8, 3));
    expect(placement(s, '0.1', must(up))).toBeUndefined();
  });

  it('moves sideways one column, and stops at the grid edges', () => {
    const right = landing(s, '0.2', { x: 1 });
    expect(at(right, '0.2')).toEqual(box(9, 0, 8, 4));
    expect(placement(s, '0.2', must(right))).toEqual(box(9, 0, 8, 4));
    expect(landing(s, '0.0', { x: -1 })).toBeUndefined();
    expect(landing(section([['a', box(16, 0, 8, 4)]]), '0.0', { x: 1 })).toBeUndefined();
  });

  it('cannot move into empty rows below: Perses floats it back up', () => {
    expect(landing(s, '0.2', { y: 1 })).toBeUndefined();
  });

  it('resizes by one cell, never below one', () => {
    expect(at(landing(s, '0.2', { width: -1 }), '0.2')).toEqual(box(8, 0, 7, 4));
    expect(at(landing(s, '0.2', { height: 1 }), '0.2')).toEqual(box(8, 0, 8, 5));
    expect(landing(section([['a', box(0, 0, 1, 1)]]), '0.0', { height: -1 })).toBeUndefined();
  });

  it('keeps boxes on the 24 columns', () => {
    expect(clampBox(box(20, -2, 8, 0))).toEqual(box(16, 0, 8, 1));
    expect(clampBox(box(0, 0, 30, 2))).toEqual(box(0, 0, 24, 2));
  });
});
