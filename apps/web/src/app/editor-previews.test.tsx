import { readFileSync } from 'node:fs';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { API } from '@perses-cm/api';
import { createQueryClient } from '../lib/query-client.ts';
import type { CodeEditorHandle } from '../lib/monaco/code-editor.tsx';
import { fakeApi } from '../test/fake-api.ts';
import { connection, overview } from '../test/status-fixtures.ts';
import { previewFor } from './editor-previews.tsx';

// Vitest runs from the repository root (jsdom gives modules no file: URL to resolve from).
const BENCHMARK = readFileSync(
  'examples/perses-resources/files/dashboards/perses/Benchmark.json',
  'utf8',
);

afterEach(cleanup);

function renderDashboardPreview() {
  const Preview = previewFor('Dashboard');
  if (!Preview) throw new Error('no preview for dashboards');
  render(
    <QueryClientProvider client={createQueryClient()}>
      <Preview
        kind="Dashboard"
        text={BENCHMARK}
        format="json"
        readOnly
        editor={createRef<CodeEditorHandle>()}
      />
    </QueryClientProvider>,
  );
}

describe('the dashboard preview as the app composes it', () => {
  it('links into the Perses UI the status found', async () => {
    const perses = connection({
      found: { how: 'url', description: 'from --perses-url', uiUrl: 'https://perses.example/' },
    });
    fakeApi({ [`GET ${API.status}`]: { body: overview({ perses }) } });
    renderDashboardPreview();
    const link = await screen.findByRole('link', { name: /Open in Perses/ }, { timeout: 5000 });
    expect(link.getAttribute('href')).toBe(
      'https://perses.example/projects/perses/dashboards/Benchmark',
    );
  });

  it('draws without a link while no Perses UI is known', async () => {
    fakeApi({ [`GET ${API.status}`]: { body: overview() } });
    renderDashboardPreview();
    expect(
      await screen.findByRole('region', { name: 'Dashboard preview' }, { timeout: 5000 }),
    ).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Open in Perses/ })).toBeNull();
  });
});
