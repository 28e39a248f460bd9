import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseText } from '../parse.ts';
import { dashboardTexts } from '../testing/dashboards.ts';
import type { GridBox } from './dashboard-layout.ts';
import { gridItemEdit } from './grid-item-edit.ts';
import { dashboardLayoutOf } from './layout-source.ts';

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

/**
 * What changed between two texts, seen through numbers: the texts with every number blanked out
 * must be byte-identical, and the list of numbers may differ only at the indexes returned.
 */
function changedNumbers(before: string, after: string): string[] {
  expect(after.replace(NUMBER, '#')).toBe(before.replace(NUMBER, '#'));
  const a = before.match(NUMBER) ?? [];
  const b = after.match(NUMBER) ?? [];
  expect(b).toHaveLength(a.length);
  return a.flatMap((n, i) => (n === b[i] ? [] : [`${n}->${b[i]}`]));
}

function withBox(value: Doc, li: number, ii: number, box: GridBox): Doc {
  const copy = structuredClone(value);
  Object.assign(copy.spec.layouts[li].spec.items[ii], box);
  return copy;
}

/** A new box for an item, different in all four numbers and inside the 24 columns. */
function moved(b: GridBox): GridBox {
  const width = b.width === 24 ? 23 : b.width + 1;
  return { x: b.x === 0 ? 1 : 0, y: b.y + 3, width, height: b.height + 2 };
}

describe('gridItemEdit on every real dashboard (JSON and YAML)', () => {
  // Every item, except in the large YAML texts (reading 170 KB of YAML takes ~0.3 s): there, the
  // first and the last item of each layout, and the whole document is re-read for the first.
  it.each(dashboardTexts())(
    '$label: a drop rewrites only that item’s four numbers',
    (t) => {
      const parsed = parseText(t.text, { format: t.format });
      const sections = dashboardLayoutOf(parsed)?.sections ?? [];
      const sample = t.format === 'yaml' && t.text.length > 50_000;
      const items = sections.flatMap((s) => (sample ? [s.items[0], s.items.at(-1)] : s.items));
      expect(items.length).toBeGreaterThan(0);
      for (const [n, item] of items.filter((i) => i !== undefined).entries()) {
        const next = moved(item);
        const result = gridItemEdit({ text: t.text, parsed }, item, next);
        if (!result.ok) throw new Error(result.error);
        expect(result.edits).toHaveLength(4);
        expect(changedNumbers(t.text, result.text)).toEqual([
          `${item.x}->${next.x}`,
          `${item.y}->${next.y}`,
          `${item.width}->${next.width}`,
          `${item.height}->${next.height}`,
        ]);
        if (sample && n > 0) continue;
        const reread = t.format === 'json' ? JSON.parse(result.text) : parseYaml(result.text);
        // Strings compare in a blink where a deep equality walks 250 KB of objects.
        expect(JSON.stringify(reread)).toBe(
          JSON.stringify(withBox(t.value, item.layoutIndex, item.itemIndex, next)),
        );
      }
    },
    60_000,
  );
});

describe('gridItemEdit', () => {
  const yaml = [
    '# kept',
    'kind: Dashboard',
    'metadata: {name: d, project: p}',
    'spec:',
    '  panels:',
    '    a: {kind: Panel, spec: {plugin: {kind: Markdown, spec: {text: hi}}}}',
    '  layouts:',
    '    - kind: Grid',
    '      spec:',
    '        items:',
    '          - x: 0   # left edge',
    '            "y": 0',
    '            width: 12',
    '            height: 6',
    '            content: {$ref: "#/spec/panels/a"}',
    '          - {x: 12, y: 0, width: 12, height: 6, content: {$ref: "#/spec/panels/a"}}',
    '',
  ].join('\n');

  it('keeps comments, quoting and flow style in YAML', () => {
    const first = gridItemEdit(
      { text: yaml, format: 'yaml' },
      { layoutIndex: 0, itemIndex: 0 },
      {
        x: 2,
        y: 10,
        width: 12,
        height: 6,
      },
    );
    if (!first.ok) throw new Error(first.error);
    expect(first.text).toBe(
      yaml.replace('x: 0   # left', 'x: 2   # left').replace('"y": 0', '"y": 10'),
    );
    const flow = gridItemEdit(
      { text: yaml, format: 'yaml' },
      { layoutIndex: 0, itemIndex: 1 },
      {
        x: 0,
        y: 6,
        width: 24,
        height: 6,
      },
    );
    if (!flow.ok) throw new Error(flow.error);
    expect(flow.text).toBe(yaml.replace('{x: 12, y: 0, width: 12', '{x: 0, y: 6, width: 24'));
  });

  it('rewrites nothing when the box is unchanged, and only the changed numbers otherwise', () => {
    const json = JSON.stringify(parseYaml(yaml));
    const same = gridItemEdit(
      { text: json, format: 'json' },
      { layoutIndex: 0, itemIndex: 1 },
      {
        x: 12,
        y: 0,
        width: 12,
        height: 6,
      },
    );
    expect(same).toEqual({ ok: true, edits: [], text: json });
    const wider = gridItemEdit(
      { text: json, format: 'json' },
      { layoutIndex: 0, itemIndex: 1 },
      {
        x: 12,
        y: 0,
        width: 12,
        height: 9,
      },
    );
    if (!wider.ok) throw new Error(wider.error);
    expect(wider.edits).toHaveLength(1);
    expect(changedNumbers(json, wider.text)).toEqual(['6->9']);
  });

  it('edits JSON that Perses reads as YAML (a trailing comma) in place too', () => {
    const lenient = JSON.stringify(parseYaml(yaml), null, 2).replace(/\n}$/, ',\n}');
    const r = gridItemEdit(
      { text: lenient },
      { layoutIndex: 0, itemIndex: 0 },
      {
        x: 0,
        y: 0,
        width: 6,
        height: 6,
      },
    );
    if (!r.ok) throw new Error(r.error);
    expect(changedNumbers(lenient, r.text)).toEqual(['12->6']);
  });

  it('refuses numbers it cannot rewrite in place, naming the field', () => {
    const target = { layoutIndex: 0, itemIndex: 0 };
    const box = { x: 1, y: 0, width: 12, height: 6 };
    const cases: [string, RegExp][] = [
      [yaml.replace('x: 0   #', 'x: &zero 0   #'), /items\[0\]\.x is written as "x: &zero 0"/],
      [
        yaml.replace('x: 0   #', 'x: *other   #').replace('# kept', 'other: &other 0'),
        /\.x is written as "x: \*other"/,
      ],
      [yaml.replace('x: 0   #', 'x: "0"   #'), /\.x is written as "x: \\"0\\""/],
      [yaml.replace('x: 0   #', 'x: !!int 0   #'), /\.x is written as "x: !!int 0"/],
      [
        yaml.replace('x: 0   # left edge\n            "y"', '"y"'),
        /^spec\.layouts\[0\]\.spec\.items\[0\]\.x is missing/,
      ],
    ];
    for (const [text, error] of cases) {
      const r = gridItemEdit({ text: text, format: 'yaml' }, target, box);
      expect(r.ok ? 'accepted' : r.error).toMatch(error);
    }
  });

  it('refuses boxes off the grid, texts with errors and items that are gone', () => {
    const at = (layoutIndex: number, itemIndex: number) => ({ layoutIndex, itemIndex });
    const refuse = (text: string, target: ReturnType<typeof at>, box: GridBox) => {
      const r = gridItemEdit({ text: text, format: 'yaml' }, target, box);
      return r.ok ? 'accepted' : r.error;
    };
    expect(refuse(yaml, at(0, 0), { x: 20, y: 0, width: 6, height: 1 })).toMatch(/24 grid columns/);
    expect(refuse(yaml, at(0, 0), { x: -1, y: 0, width: 6, height: 1 })).toMatch(/0 or more/);
    expect(refuse(yaml, at(0, 0), { x: 0, y: 0, width: 0, height: 1 })).toMatch(/1 or more/);
    expect(refuse(yaml, at(0, 0), { x: 0.5, y: 0, width: 1, height: 1 })).toMatch(
      /^x must be a whole/,
    );
    expect(refuse(yaml + 'spec: again\n', at(0, 0), { x: 0, y: 0, width: 1, height: 1 })).toMatch(
      /the text has errors/,
    );
    expect(refuse(yaml, at(0, 5), { x: 0, y: 0, width: 1, height: 1 })).toBe(
      'layout item 0.5 is not in the text',
    );
  });
});
