// The file the sidecar writes for a key, read from kiwigrid/k8s-sidecar 2.10.1: `_get_destination_folder`
// and `_update_file` in src/resources.py, `unique_filename` in src/helpers.py.
import { describe, expect, it } from 'vitest';
import { CHART_SIDECAR, sidecarFilePath, type SidecarConfigMap } from './sidecar.ts';

const cm = (annotations?: Record<string, string>): SidecarConfigMap => ({
  namespace: 'monitoring',
  name: 'dashboards',
  ...(annotations ? { annotations } : {}),
});

describe('sidecarFilePath', () => {
  it('writes the data key into FOLDER (the chart: /etc/perses/provisioning)', () => {
    expect(sidecarFilePath(cm(), 'a.json')).toBe('/etc/perses/provisioning/a.json');
  });

  it('joins a relative folder annotation to FOLDER, normalised so equal folders compare equal', () => {
    for (const value of ['team-a', 'team-a/', './team-a', 'x/../team-a'])
      expect(sidecarFilePath(cm({ 'k8s-sidecar-target-directory': value }), 'a.json')).toBe(
        '/etc/perses/provisioning/team-a/a.json',
      );
  });

  it('uses an absolute folder annotation as it is, and an empty one as FOLDER', () => {
    expect(sidecarFilePath(cm({ 'k8s-sidecar-target-directory': '/srv/p' }), 'a.json')).toBe(
      '/srv/p/a.json',
    );
    expect(sidecarFilePath(cm({ 'k8s-sidecar-target-directory': '' }), 'a.json')).toBe(
      '/etc/perses/provisioning/a.json',
    );
  });

  it('reads the annotation named by FOLDER_ANNOTATION', () => {
    const settings = { ...CHART_SIDECAR, folderAnnotation: 'perses/folder' };
    const annotated = cm({ 'perses/folder': 'x', 'k8s-sidecar-target-directory': 'y' });
    expect(sidecarFilePath(annotated, 'a.json', settings)).toBe(
      '/etc/perses/provisioning/x/a.json',
    );
  });

  it('prefixes namespace and ConfigMap name with UNIQUE_FILENAMES', () => {
    const settings = { ...CHART_SIDECAR, folder: '/p', uniqueFilenames: true };
    expect(sidecarFilePath(cm(), 'a.json', settings)).toBe(
      '/p/namespace_monitoring.configmap_dashboards.a.json',
    );
  });

  it('drops .url from a key whose content the sidecar fetches', () => {
    expect(sidecarFilePath(cm(), 'a.json.url')).toBe('/etc/perses/provisioning/a.json');
    const unique = { ...CHART_SIDECAR, uniqueFilenames: true };
    expect(sidecarFilePath(cm(), 'a.json.url', unique)).toBe(
      '/etc/perses/provisioning/namespace_monitoring.configmap_dashboards.a.json',
    );
  });
});
