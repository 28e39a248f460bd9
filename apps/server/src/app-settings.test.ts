// The settings API on a chart directory: defaults from the flags, each bad value named by its field
// with nothing saved, the file beside files/ read back after a restart, apply now's default.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect } from 'vitest';
import { startServer } from './main.ts';
import { apiClient } from './testing/api-client.ts';
import { directoryConfig } from './testing/directory-server.ts';
import { it } from './testing/server-test.ts';

describe('settings', () => {
  it('starts from the flags and refuses a bad label naming the field, saving nothing', async ({
    api,
    srv,
  }) => {
    const view = (await api.settings()).body;
    expect(view.settings.label).toEqual({ key: 'perses.dev/resource', value: 'true' });
    expect(view.storedIn).toBe(`the file ${path.join(srv.dir, '.perses-cm', 'settings.json')}`);
    expect(view.discovered.reason).toBe('a chart directory: no cluster to look in');
    const bad = await api.saveSettings({
      ...view.settings,
      label: { key: 'team', value: 'bad value' },
    });
    expect(bad.status).toBe(400);
    expect(bad.fields().map((f) => f.field)).toEqual(['label.value']);
    await expect(readFile(path.join(srv.dir, '.perses-cm', 'settings.json'))).rejects.toThrow(
      /ENOENT/,
    );
  });

  it('saves beside files/, keeps it over a restart and gives the Helm values for it', async ({
    api,
    srv,
  }) => {
    const view = (await api.settings()).body;
    const next = {
      ...view.settings,
      label: { key: 'team', value: 'perses' },
      sidecar: { ...view.settings.sidecar, uniqueFilenames: true },
      applyNowByDefault: false,
    };
    expect((await api.saveSettings(next)).body).toEqual(next);
    expect((await api.applyNow()).body.byDefault).toBe(false);
    const again = await startServer(directoryConfig(srv.dir), { auditWrite: () => {} });
    try {
      const after = (await apiClient(again.url).settings()).body;
      expect(after.settings).toEqual(next);
      expect(after.helm.values).toContain('label: "team"');
      expect(after.helm.values).toContain('name: "UNIQUE_FILENAMES"');
      expect(after.helm.command).toBe(
        'helm upgrade <release> perses/perses --reuse-values -f perses-sidecar-values.yaml',
      );
    } finally {
      await again.close();
    }
    expect(srv.auditLines.some((l) => l.includes('"action":"settings"'))).toBe(true);
  });
});
