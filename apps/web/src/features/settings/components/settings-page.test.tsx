// The Settings page: the mismatches in words, the running values beside the console's, a bad value
// refused with its field named, a save sending the settings as edited, and relabel only where
// there are ConfigMaps.
import { describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { API, type SettingsView, type Target } from '@perses-cm/api';
import { fakeApi } from '../../../test/fake-api.ts';
import { DIRECTORY_TARGET, KUBE_TARGET, whoami } from '../../../test/fixtures.ts';
import { renderStatusView } from '../../../test/render-status.tsx';
import SettingsPage from './settings-page.tsx';

const view: SettingsView = {
  settings: {
    label: { key: 'team', value: 'perses' },
    namespaces: ['monitoring'],
    defaultNamespace: 'monitoring',
    sidecar: {
      namespaces: 'ALL',
      uniqueFilenames: false,
      folderAnnotation: 'k8s-sidecar-target-directory',
    },
    provisioningInterval: '10m',
    applyNowByDefault: true,
  },
  storedIn: 'ConfigMap monitoring/perses-cm-settings',
  discovered: {
    workload: 'StatefulSet monitoring/perses',
    namespace: 'monitoring',
    release: 'perses',
    reason: null,
    sidecar: {
      container: 'perses-provisioning-sidecar',
      env: { LABEL: 'perses.dev/resource', LABEL_VALUE: 'true' },
      label: { key: 'perses.dev/resource', value: 'true' },
      namespaces: 'ALL',
      folder: '/etc/perses/provisioning',
      uniqueFilenames: false,
      folderAnnotation: 'k8s-sidecar-target-directory',
      resource: 'configmap',
      method: 'WATCH',
    },
    perses: null,
  },
  findings: [
    {
      id: 'label',
      severity: 'blocking',
      message:
        'the console labels new ConfigMaps `team=perses`, but the sidecar watches `perses.dev/resource=true`: new resources never reach Perses',
    },
  ],
  lag: { worstCaseMs: 602_000, message: 'a change reaches Perses within about 10m2s' },
  newer: [{ name: 'provisioning.enable_watch', message: 'needs a Perses newer than v0.54.0' }],
  helm: {
    values: 'sidecar:\n  label: "team"\n',
    command: 'helm upgrade perses perses/perses --reuse-values -f perses-sidecar-values.yaml',
  },
};

const on = (target: Target) => ({
  [`GET ${API.whoami}`]: { body: whoami(target, ['monitoring']) },
});

describe('the Settings page', () => {
  it('shows the mismatch and the running label beside the console one', async () => {
    fakeApi({ 'GET /api/v1/settings': { body: view }, ...on(KUBE_TARGET) });
    renderStatusView(<SettingsPage />, '/settings');
    const mismatches = await screen.findByRole('region', { name: 'Mismatches' });
    expect(mismatches.textContent).toContain(
      'but the sidecar watches perses.dev/resource=true: new resources never reach Perses',
    );
    expect(screen.getByRole('row', { name: /Label key/ }).textContent).toContain(
      'perses.dev/resource',
    );
    expect(screen.getByLabelText('Helm command').textContent).toContain('helm upgrade perses');
  });

  it('names the refused field, then sends the settings as edited', async () => {
    let answer = {
      status: 400,
      body: {
        error: {
          code: 'bad_request',
          message: 'invalid settings',
          details: {
            fields: [
              { field: 'label.value', message: 'label value must be at most 63 characters' },
            ],
          },
        },
      },
    };
    const requests = fakeApi({
      'GET /api/v1/settings': { body: view },
      'PUT /api/v1/settings': () => answer,
      ...on(KUBE_TARGET),
    });
    renderStatusView(<SettingsPage />, '/settings');
    const value = await screen.findByLabelText('Label value');
    fireEvent.change(value, { target: { value: 'platform' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('label.value');
    answer = {
      status: 200,
      body: { ...view.settings, label: { key: 'team', value: 'platform' } } as never,
    };
    fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText(/Saved: the console now follows these settings/);
    const put = requests.filter((r) => r.method === 'PUT').at(-1);
    expect(put?.body).toEqual({ ...view.settings, label: { key: 'team', value: 'platform' } });
    await waitFor(() =>
      expect(requests.filter((r) => r.url === '/api/v1/settings').length).toBeGreaterThan(1),
    );
  });

  it('offers relabel on a cluster, and in a chart directory says why there is none', async () => {
    fakeApi({ 'GET /api/v1/settings': { body: view }, ...on(KUBE_TARGET) });
    renderStatusView(<SettingsPage />, '/settings');
    const panel = await screen.findByRole('region', { name: 'Relabel' });
    expect(panel.querySelector('input')).not.toBeNull();
    cleanup();

    fakeApi({ 'GET /api/v1/settings': { body: view }, ...on(DIRECTORY_TARGET) });
    renderStatusView(<SettingsPage />, '/settings');
    const none = await screen.findByRole('region', { name: 'Relabel' });
    await waitFor(() => expect(none.textContent).toContain('no ConfigMap labels to change'));
    expect(none.querySelector('input, button')).toBeNull();
  });
});
