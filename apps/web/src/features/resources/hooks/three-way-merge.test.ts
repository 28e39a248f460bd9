// The merge behind the conflict dialog's Merge button, on dashboard-shaped JSON.
import { describe, expect, it } from 'vitest';
import { conflictFindings } from './local-findings.ts';
import { threeWayMerge } from './three-way-merge.ts';

const doc = (title: string, panel: string, query = 'up') =>
  `${JSON.stringify({ kind: 'Dashboard', spec: { display: { name: title }, panels: { a: { name: panel, query } } } }, null, 2)}\n`;

describe('threeWayMerge', () => {
  it('takes both changes when they touch different lines', () => {
    const base = doc('Base', 'Panel');
    const theirs = doc('Base', 'Their panel');
    const yours = doc('My title', 'Panel');
    expect(threeWayMerge(base, theirs, yours)).toEqual({
      text: doc('My title', 'Their panel'),
      conflicts: 0,
    });
  });

  it('counts one change made the same way on both sides as no conflict', () => {
    const base = doc('Base', 'Panel');
    const both = doc('Same', 'Panel');
    expect(threeWayMerge(base, both, both)).toEqual({ text: both, conflicts: 0 });
  });

  it('marks lines both changed differently, yours first, so the editor flags them', () => {
    const base = doc('Base', 'Panel');
    const merged = threeWayMerge(
      base,
      doc('Theirs', 'Panel', 'rate'),
      doc('Mine', 'Panel'),
      'stored v7',
    );
    expect(merged.conflicts).toBe(1);
    const lines = merged.text.split('\n');
    const start = lines.indexOf('<<<<<<< yours');
    expect(lines.slice(start, start + 5)).toEqual([
      '<<<<<<< yours',
      '      "name": "Mine"',
      '=======',
      '      "name": "Theirs"',
      '>>>>>>> stored v7',
    ]);
    // The query changed on their side only: taken as is.
    expect(merged.text).toContain('"query": "rate"');
    expect(conflictFindings(merged.text).map((f) => f.line)).toEqual([
      start + 1,
      start + 3,
      start + 5,
    ]);
  });
});
