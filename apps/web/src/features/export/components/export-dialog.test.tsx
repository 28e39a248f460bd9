import { beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ExportPreview } from '@perses-cm/api';
import { summary } from '../../../test/fixtures.ts';
import { ListPage } from '../../../app/list-page.tsx';
import { renderListPageAt } from '../../../test/render-list-page.tsx';

const preview: ExportPreview = {
  archiveName: 'perses-resources.tgz',
  resources: 1,
  tree: [
    { path: 'Chart.yaml', bytes: 200, resourceId: null },
    { path: 'files/dashboards/perses/alpha.json', bytes: 1500, resourceId: 'id-alpha' },
  ],
  totalBytes: 1700,
  refused: [
    {
      id: 'id-temp',
      kind: 'EphemeralDashboard',
      project: 'perses',
      name: 'TempDemo',
      location: 'ConfigMap monitoring/temp key "temp.json"',
      reason: 'EphemeralDashboard is not provisionable',
    },
  ],
  withErrors: 0,
  errors: [],
};

// jsdom has no modal dialogs: opening one sets `open`, as a browser would.
beforeAll(() => {
  HTMLDialogElement.prototype.showModal = function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close = function (this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});

/** The list answers the list, the preview route the preview; every URL asked is kept. */
function serve() {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      const body = url.startsWith('/api/v1/export/preview')
        ? {
            ...preview,
            archiveName:
              new URL(url, 'http://x').searchParams.get('format') === 'zip'
                ? 'perses-resources.zip'
                : preview.archiveName,
          }
        : { items: [summary({ name: 'alpha' }), summary({ name: 'beta' })], errors: [] };
      return new Response(JSON.stringify(body), {
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return asked;
}

describe('Export', () => {
  it('previews what the list filters select, with what is refused and why, then downloads it', async () => {
    const asked = serve();
    renderListPageAt('/?q=alp&findings=clean&sort=size', <ListPage />);
    await screen.findByRole('link', { name: 'Dashboard perses/alpha' });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    const region = await screen.findByRole('region', { name: 'Export preview' });
    expect(within(region).getByRole('status').textContent).toBe(
      '1 resource in 2 files, 1.7 KB before compression (1 chart files)',
    );
    const refused = within(region).getByRole('group', { name: 'Not exported' });
    expect(refused.textContent).toContain('EphemeralDashboard perses/TempDemo');
    expect(refused.textContent).toContain('EphemeralDashboard is not provisionable');
    expect(within(region).getByRole('list', { name: 'Files' }).textContent).toContain(
      'files/dashboards/perses/alpha.json',
    );
    // The filters, never the sort, reach the server.
    const previewUrl = asked.find((u) => u.startsWith('/api/v1/export/preview')) ?? '';
    expect(new URL(previewUrl, 'http://x').search).toBe(
      '?format=tgz&shape=standalone&files=stored&content=chart&q=alp&findings=clean',
    );
    const download = screen.getByRole('link', { name: 'Download perses-resources.tgz' });
    expect(download.getAttribute('href')).toBe(
      '/api/v1/export?format=tgz&shape=standalone&files=stored&content=chart&q=alp&findings=clean',
    );
    fireEvent.change(screen.getByRole('combobox', { name: 'Archive' }), {
      target: { value: 'zip' },
    });
    await waitFor(() =>
      expect(
        screen.getByRole('link', { name: 'Download perses-resources.zip' }).getAttribute('href'),
      ).toContain('format=zip'),
    );
  });
});
