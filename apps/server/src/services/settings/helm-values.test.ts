// The Helm values of the chosen settings: the perses chart's keys, the rest as sidecar env.
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { helmCommand, helmValues } from './helm-values.ts';

describe('the Helm values', () => {
  it('puts the namespace list, UNIQUE_FILENAMES and FOLDER_ANNOTATION in extraEnvVars', () => {
    const text = helmValues(
      {
        label: { key: 'team', value: 'perses' },
        namespaces: null,
        defaultNamespace: null,
        sidecar: {
          namespaces: ['monitoring', 'team-a'],
          uniqueFilenames: true,
          folderAnnotation: 'perses/folder',
        },
        provisioningInterval: '2m',
        applyNowByDefault: false,
      },
      null,
    );
    expect(parse(text)).toEqual({
      sidecar: {
        enabled: true,
        label: 'team',
        labelValue: 'perses',
        allNamespaces: false,
        extraEnvVars: [
          { name: 'NAMESPACE', value: 'monitoring,team-a' },
          { name: 'UNIQUE_FILENAMES', value: 'true' },
          { name: 'FOLDER_ANNOTATION', value: 'perses/folder' },
        ],
      },
      config: { provisioning: { interval: '2m' } },
    });
    expect(helmCommand('obs', 'monitoring')).toBe(
      'helm upgrade obs perses/perses --namespace monitoring --reuse-values -f perses-sidecar-values.yaml',
    );
  });
});
