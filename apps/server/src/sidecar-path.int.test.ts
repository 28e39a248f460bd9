// The model's sidecarFilePath names the file the stack's sidecar really writes, with and without
// a folder annotation: the path the placement rules compare is the path on disk.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { CHART_SIDECAR, SIDECAR_FOLDER_ANNOTATION, sidecarFilePath } from '@perses-cm/resources';
import { afterAll, describe, expect, it } from 'vitest';
import { projectText } from './testing/documents.ts';
import { core, stackEnv, uniq } from './testing/kube-fixture.ts';
import { eventually } from './testing/sse.ts';

const admin = () => core(stackEnv().kubeconfigs.admin);
const created: { namespace: string; name: string }[] = [];

afterAll(async () => {
  for (const c of created)
    await admin()
      .deleteNamespacedConfigMap(c)
      .catch(() => undefined);
});

describe('sidecarFilePath against the stack sidecar', () => {
  it('is where the sidecar writes a key, in FOLDER or in an annotated sub-folder', async () => {
    const env = stackEnv();
    const settings = { ...CHART_SIDECAR, folder: env.provisioningDir };
    const sub = uniq('sub');
    const cms: V1ConfigMap[] = [
      { metadata: { namespace: 'team-a', name: uniq('plain') } },
      {
        metadata: {
          namespace: 'team-b',
          name: uniq('annotated'),
          annotations: { [SIDECAR_FOLDER_ANNOTATION]: `./${sub}/` },
        },
      },
    ].map((cm) => ({
      ...cm,
      metadata: { ...cm.metadata, labels: { [env.sidecar.label]: env.sidecar.labelValue } },
      data: { [`${cm.metadata.name}.json`]: projectText(cm.metadata.name) },
    }));
    for (const body of cms) {
      const { namespace = '', name = '' } = body.metadata ?? {};
      await admin().createNamespacedConfigMap({ namespace, body });
      created.push({ namespace, name });
    }
    for (const cm of cms) {
      const meta = { name: cm.metadata?.name ?? '', ...cm.metadata };
      const [key, text] = Object.entries(cm.data ?? {})[0] ?? ['', ''];
      const file = sidecarFilePath(meta, key, settings);
      await eventually(() => existsSync(file), 10_000, `the sidecar writes ${file}`);
      expect(await readFile(file, 'utf8')).toBe(text);
    }
    expect(sidecarFilePath({ ...cms[1]?.metadata, name: 'x' }, 'k.json', settings)).toBe(
      `${env.provisioningDir}/${sub}/k.json`,
    );
  });
});
