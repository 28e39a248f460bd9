import { readFileSync } from 'node:fs';
import { useRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { applyTextEdits, serializeResource } from '@perses-cm/resources';
import type { CodeEditorHandle, OffsetEdit } from '../../../lib/monaco/code-editor.tsx';
import DashboardPreview from './dashboard-preview.tsx';

// Vitest runs from the repository root (jsdom gives modules no file: URL to resolve from).
const BENCHMARK = readFileSync(
  'examples/perses-resources/files/dashboards/perses/Benchmark.json',
  'utf8',
);

/** The editor as the preview sees it: a text, edits applied to it, a selection, a cursor. */
function setup(initial: string, readOnly = false, format: 'json' | 'yaml' = 'json') {
  const seen = {
    text: initial,
    edits: [] as OffsetEdit[][],
    selection: null as [number, number] | null,
  };
  const cursor = new Set<(offset: number) => void>();
  let setText: (t: string) => void = () => {};
  function Harness() {
    const [text, set] = useState(initial);
    setText = (t) => {
      seen.text = t;
      set(t);
    };
    const editor = useRef<CodeEditorHandle>({
      replaceText: (t) => setText(t),
      applyEdits(edits, basedOn) {
        if (basedOn !== seen.text) return false;
        seen.edits.push([...edits]);
        setText(applyTextEdits(seen.text, edits));
        return true;
      },
      format: async () => {},
      reveal: () => {},
      select: (start, end) => {
        seen.selection = [start, end];
      },
      onCursorChange: (listener) => {
        cursor.add(listener);
        return () => cursor.delete(listener);
      },
      focus: () => {},
    });
    return (
      <DashboardPreview
        kind="Dashboard"
        text={text}
        format={format}
        readOnly={readOnly}
        editor={editor}
        persesUrl="https://perses.example"
      />
    );
  }
  render(<Harness />);
  return {
    seen,
    type: (t: string) => act(() => setText(t)),
    moveCursor: (offset: number) => act(() => cursor.forEach((l) => l(offset))),
  };
}

const card = (name: string) => screen.getByRole('article', { name: new RegExp(`^${name},`) });

describe('DashboardPreview on the real Benchmark dashboard', () => {
  afterEach(cleanup);

  it('draws the toolbar, variables, rows and panels, Markdown rendered', () => {
    setup(BENCHMARK);
    const preview = screen.getByRole('region', { name: 'Dashboard preview' });
    expect(within(preview).getByRole('heading', { name: 'Benchmark' })).toBeTruthy();
    expect(within(preview).getByText('Last 6h')).toBeTruthy();
    const variables = within(preview).getByRole('list', { name: 'Variables' });
    expect(
      within(variables)
        .getAllByRole('listitem')
        .map((v) => v.textContent),
    ).toEqual(['jobnode', 'instancedemo.do.prometheus.io:9100', 'intervalAll']);
    const row1 = within(preview).getByRole('region', { name: 'Row 1' });
    expect(within(row1).getAllByRole('article')).toHaveLength(4);
    expect(
      within(card('Dashboard Team Overview')).getAllByRole('heading', { name: 'First header' }),
    ).toHaveLength(2);
    expect(card('Single Query').textContent).toContain('Time Series Chart');
    // Collapsed rows fold as in Perses, and open on demand.
    const row2 = within(preview).getByRole('region', { name: 'Row 2' });
    expect(within(row2).queryAllByRole('article')).toHaveLength(0);
    fireEvent.click(within(row2).getByRole('button', { name: 'Row 2' }));
    expect(within(row2).getAllByRole('article')).toHaveLength(3);
    const unplaced = within(preview).getByRole('region', { name: 'Not in any layout' });
    expect(within(unplaced).getAllByRole('article')).toHaveLength(3);
    expect(
      within(preview)
        .getByRole('link', { name: /Open in Perses/ })
        .getAttribute('href'),
    ).toBe('https://perses.example/projects/perses/dashboards/Benchmark');
  });

  it('selects a clicked panel in the text, and highlights the card under the cursor', () => {
    const { seen, moveCursor } = setup(BENCHMARK);
    fireEvent.click(card('Legend Example'));
    const [start, end] = seen.selection ?? [0, 0];
    const selected = BENCHMARK.slice(start, end);
    expect(selected.startsWith('"legendEx": {')).toBe(true);
    expect(JSON.parse(selected.slice('"legendEx": '.length)).spec.display.name).toBe(
      'Legend Example',
    );
    moveCursor(BENCHMARK.indexOf('"#/spec/panels/basicEx"'));
    expect(card('Single Query').getAttribute('aria-current')).toBe('true');
    expect(card('Legend Example').getAttribute('aria-current')).toBeNull();
  });

  it('moves and resizes a card from the keyboard, one edit of its numbers each', () => {
    const { seen } = setup(BENCHMARK);
    const basic = card('Single Query');
    fireEvent.keyDown(basic, { key: 'ArrowLeft', shiftKey: true });
    fireEvent.keyDown(card('Single Query'), { key: 'ArrowRight' });
    expect(seen.edits.map((e) => e.map((x) => x.text))).toEqual([['11'], ['13']]);
    const before = JSON.parse(BENCHMARK);
    const after = JSON.parse(seen.text);
    before.spec.layouts[0].spec.items[3].width = 11;
    before.spec.layouts[0].spec.items[3].x = 13;
    expect(after).toEqual(before);
    expect(screen.getByText(/^Moved "Single Query" to x 13, y 6, 11 × 6\./)).toBeTruthy();
  });

  it('arranges nothing when read-only', () => {
    const { seen } = setup(BENCHMARK, true);
    fireEvent.keyDown(card('Single Query'), { key: 'ArrowLeft' });
    expect(seen.edits).toEqual([]);
  });

  it('keeps the last drawing while the text does not parse, and says why', async () => {
    const { type } = setup(BENCHMARK);
    type(BENCHMARK.replace('"kind": "Dashboard"', '"kind": "Dashboard",,'));
    expect(
      await screen.findByText(/^Showing the last version that could be drawn: line 2: /),
    ).toBeTruthy();
    expect(card('Single Query')).toBeTruthy();
    type(BENCHMARK.replace('"Single Query"', '"Renamed"'));
    await waitFor(() => expect(card('Renamed')).toBeTruthy());
    expect(screen.queryByText(/^Showing the last version/)).toBeNull();
  });

  it('works the same on the dashboard written as YAML', () => {
    const yaml = serializeResource(JSON.parse(BENCHMARK), 'yaml');
    const { seen } = setup(yaml, false, 'yaml');
    fireEvent.click(card('Legend Example'));
    const [start, end] = seen.selection ?? [0, 0];
    expect(yaml.slice(start, end)).toMatch(/^legendEx:\n\s+kind: Panel\n/);
    fireEvent.keyDown(card('Single Query'), { key: 'ArrowLeft', shiftKey: true });
    expect(seen.edits).toHaveLength(1);
    const lines = (t: string) => t.split('\n');
    const after = lines(seen.text);
    const changed = lines(yaml).flatMap((l, i) => (l === after[i] ? [] : [[l, after[i]]]));
    expect(changed.map((pair) => pair.map((l) => l?.trim()))).toEqual([['width: 12', 'width: 11']]);
    expect(lines(seen.text)).toHaveLength(lines(yaml).length);
  });
});
