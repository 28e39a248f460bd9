import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ResourcePipeline, ServedDocument } from '@perses-cm/api';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import { fakeApi } from '../../../test/fake-api.ts';
import { renderStatusView } from '../../../test/render-status.tsx';
import {
  at,
  configMapDetail,
  pipeline,
  resourceStatus,
  T0,
} from '../../../test/status-fixtures.ts';
import PipelinePanel from './pipeline-panel.tsx';

// jsdom cannot run Monaco (e2e drives the real one): the diff shows both texts.
vi.mock('../../../lib/monaco/diff-editor.tsx', () => ({
  DiffEditor: (p: { original: string; modified: string; label: string }) => (
    <figure aria-label={p.label}>
      <pre data-testid="original">{p.original}</pre>
      <pre data-testid="modified">{p.modified}</pre>
    </figure>
  ),
}));

// Times in the answers are around T0: the panel's "now" is T0 too.
beforeAll(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(T0));
});
afterAll(() => vi.useRealTimers());

const STORED = '{"kind":"Dashboard","metadata":{"name":"node-exporter","project":"perses"}}';
const SERVED =
  '{"kind":"Dashboard","metadata":{"name":"node-exporter","project":"perses"},"spec":{"display":{"name":"Edited in Perses"}}}';

function show(p: ResourcePipeline, opts: { served?: ServedDocument; readOnly?: string } = {}) {
  const replaceText = vi.fn();
  const editor = { current: { replaceText } as unknown as CodeEditorHandle };
  const requests = fakeApi({
    'GET /api/v1/status/resources/id-node-exporter': { body: p },
    ...(opts.served
      ? { 'GET /api/v1/status/resources/id-node-exporter/served': { body: opts.served } }
      : {}),
  });
  renderStatusView(
    <PipelinePanel
      resource={configMapDetail(STORED)}
      editor={editor}
      readOnlyReason={opts.readOnly ?? null}
      dirty={false}
    />,
  );
  return { replaceText, requests };
}

const panel = () => screen.findByRole('region', { name: 'Provisioning' });

describe('PipelinePanel', () => {
  it('shows a pending change on its way: the steps with their times and the expected time', async () => {
    show(
      pipeline({
        status: resourceStatus({ state: 'pending', expectedAt: at(190), servedSince: null }),
        persesUrl: 'http://perses.example/projects/perses/dashboards/node-exporter',
        served: null,
        steps: [
          {
            step: 'configmap',
            state: 'done',
            at: at(-20),
            detail: 'version 42',
            source: 'console',
          },
          { step: 'file', state: 'done', at: at(-19), detail: 'written', source: 'sidecar-log' },
          {
            step: 'perses',
            state: 'waiting',
            at: null,
            detail: 'next cycle',
            source: 'perses-api',
          },
        ],
      }),
    );
    const p = await panel();
    await within(p).findByText('expected in about 3m10s');
    const steps = within(p).getAllByRole('listitem');
    expect(steps.map((s) => s.getAttribute('data-step'))).toEqual(['configmap', 'file', 'perses']);
    expect(steps[0]?.textContent).toContain('ConfigMap changed');
    expect(steps[0]?.textContent).toContain('20s ago');
    expect(steps[1]?.textContent).toContain('File written');
    expect(steps[2]?.textContent).toContain('Perses serving (waiting)not yet');
    // Perses has no page for what it does not serve.
    expect(within(p).queryByRole('link', { name: /Open in Perses/ })).toBeNull();
  });

  it('says why a resource is Stale and what to check, in order', async () => {
    show(
      pipeline({
        status: resourceStatus({
          state: 'stale',
          expectedAt: at(-700),
          reason: {
            code: 'not_served',
            message: 'Perses has not served this content one cycle after it was expected',
            source: 'console',
            inferred: false,
            at: T0,
          },
          hints: [
            'Check the label',
            'Check the sidecar (kiwigrid/k8s-sidecar#621)',
            'Check the Perses log',
          ],
        }),
      }),
    );
    const p = await panel();
    await within(p).findByText(/has not served this content/);
    expect(within(p).getByText(/was expected 11m40s ago/)).toBeTruthy();
    const hints = within(p).getAllByRole('listitem').slice(3);
    expect(hints.map((h) => h.textContent)).toEqual([
      'Check the label',
      'Check the sidecar (kiwigrid/k8s-sidecar#621)',
      'Check the Perses log',
    ]);
  });

  it('names the winner of a shadowed resource with a link to it, and links to Perses', async () => {
    show(
      pipeline({
        persesUrl: 'http://perses.example/projects/perses/dashboards/node-exporter',
        status: resourceStatus({
          state: 'shadowed',
          winner: {
            id: 'id-other',
            namespace: 'team-b',
            configMapName: 'other',
            key: 'dashboard.perses.node-exporter.json',
            basis: 'served',
            why: 'Perses serves its content',
          },
        }),
      }),
    );
    const p = await panel();
    const winner = await within(p).findByRole('link', { name: /team-b\/other/ });
    expect(winner.getAttribute('href')).toBe('/resources/id-other');
    expect(
      within(p)
        .getByRole('link', { name: /Open in Perses/ })
        .getAttribute('href'),
    ).toBe('http://perses.example/projects/perses/dashboards/node-exporter');
  });

  it("loads Perses's version of a drifted resource into the editor after showing the diff", async () => {
    const { replaceText, requests } = show(
      pipeline({ status: resourceStatus({ state: 'drifted' }) }),
      {
        served: {
          id: 'id-node-exporter',
          document: JSON.parse(SERVED) as unknown,
          text: SERVED,
          format: 'json',
          version: '1',
          fetchedAt: T0,
          differs: true,
          redacted: [],
        },
      },
    );
    const p = await panel();
    fireEvent.click(await within(p).findByRole('button', { name: "Take Perses's version" }));
    const dialog = await screen.findByRole('dialog', { name: /Take Perses's version/ });
    expect((await within(dialog).findByTestId('modified')).textContent).toBe(SERVED);
    expect(within(dialog).getByTestId('original').textContent).toBe(STORED);
    expect(replaceText).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Load into the editor' }));
    expect(replaceText).toHaveBeenCalledWith(SERVED);
    // Nothing was written: the normal save does that.
    expect(requests.every((r) => r.method === 'GET')).toBe(true);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('warns that hidden secrets would be written as placeholders', async () => {
    show(pipeline({ status: resourceStatus({ state: 'drifted' }) }), {
      served: {
        id: 'id-node-exporter',
        document: {},
        text: SERVED,
        format: 'json',
        version: '1',
        fetchedAt: T0,
        differs: true,
        redacted: ['/spec/basicAuth/password'],
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: "Take Perses's version" }));
    const dialog = await screen.findByRole('dialog');
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      '/spec/basicAuth/password',
    );
    expect(
      within(dialog).getByRole('button', { name: 'Load into the editor anyway' }),
    ).toBeTruthy();
  });

  it("disables taking Perses's version, with the reason, for whoever cannot save", async () => {
    show(pipeline({ status: resourceStatus({ state: 'drifted' }) }), {
      readOnly: 'viewer may not update configmaps in monitoring',
    });
    const button = await screen.findByRole('button', {
      name: "Take Perses's version (disabled: viewer may not update configmaps in monitoring)",
    });
    expect(button).toHaveProperty('disabled', true);
  });
});
