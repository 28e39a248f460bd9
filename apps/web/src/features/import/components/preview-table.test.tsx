import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import type { ImportEntry, ImportPreview } from '@perses-cm/api';
import { fakeApi } from '../../../test/fake-api.ts';
import { diffLines } from './entry-diff.tsx';
import { PreviewTable } from './preview-table.tsx';

const entry = (over: Partial<ImportEntry>): ImportEntry => ({
  key: '1',
  origin: 'team.tgz: files/projects/testing.json',
  kind: 'Project',
  project: null,
  name: 'testing',
  action: 'update',
  reason: null,
  destination: {
    type: 'configmap',
    namespace: 'perses',
    name: 'project-testing',
    key: 'project.testing.json',
  },
  existing: { id: 'id-testing', version: '42' },
  format: 'json',
  bytes: 80,
  findings: [],
  perses: { checked: false, skipped: 'no Perses URL is configured' },
  notes: [],
  ...over,
});

const preview: ImportPreview = {
  id: '0b8e4f1e-8a6f-4c36-9a55-6f1c0a7f4a10',
  source: 'team.tgz',
  target: 'namespace perses',
  entries: [
    entry({}),
    entry({
      key: '2',
      action: 'refused',
      reason: 'path traversal',
      kind: null,
      name: null,
      destination: null,
      existing: null,
    }),
  ],
  skipped: [],
  counts: { create: 0, update: 1, unchanged: 0, refused: 1 },
  errors: [],
  expiresAt: '2026-12-02T10:00:00.000Z',
};

function Harness() {
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  return (
    <PreviewTable
      preview={preview}
      ticked={ticked}
      onTick={(k, on) => setTicked(on ? new Set([...ticked, k]) : new Set())}
    />
  );
}

describe('import preview table', () => {
  it('lets an update be ticked only after its diff was shown, and never a refused entry', async () => {
    fakeApi({
      [`GET /api/v1/import/previews/${preview.id}/entries/1`]: {
        body: { key: '1', text: '{\n  "name": "new"\n}', existingText: '{\n  "name": "old"\n}' },
      },
    });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <Harness />
      </QueryClientProvider>,
    );
    const update = screen.getByLabelText<HTMLInputElement>('Apply Project testing');
    expect(update.disabled).toBe(true);
    expect(screen.getByLabelText<HTMLInputElement>('Apply —').disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Show diff' }));
    expect((await screen.findByText('+ "name": "new"')).className).toBe('diff-add');
    expect(screen.getByText('- "name": "old"').className).toBe('diff-del');
    expect(update.disabled).toBe(false);
    fireEvent.click(update);
    expect(update.checked).toBe(true);
  });

  it('diffs line by line, common lines kept once', () => {
    expect(diffLines('a\nb\nc', 'a\nx\nc')).toEqual([
      { sign: ' ', text: 'a' },
      { sign: '-', text: 'b' },
      { sign: '+', text: 'x' },
      { sign: ' ', text: 'c' },
    ]);
  });
});
