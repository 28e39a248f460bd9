// Test helpers for the provisioning status: labeled ConfigMaps written as kubectl or helm would,
// a dashboard with one panel, a resource's status read from the console, and Perses polled the
// way a person watching it would.
import type { CoreV1Api } from '@kubernetes/client-node';
import { expect } from 'vitest';
import { API, type ResourcePipeline, type ResourceStatus } from '@perses-cm/api';
import { PROVISIONING_LABEL, PROVISIONING_LABEL_VALUE } from '../../../../tools/stack/src/env.ts';
import { eventually } from './sse.ts';

export { persesGet } from '@perses-cm/stack/testing';

export const dashboard = (name: string, project: string, panelPlugin = 'Markdown') => ({
  kind: 'Dashboard',
  metadata: { name, project },
  spec: {
    display: { name },
    duration: '1h',
    panels: {
      notes: {
        kind: 'Panel',
        spec: {
          display: { name: 'Notes' },
          plugin: { kind: panelPlugin, spec: { text: 'hello' } },
        },
      },
    },
    layouts: [
      {
        kind: 'Grid',
        spec: {
          items: [{ x: 0, y: 0, width: 12, height: 4, content: { $ref: '#/spec/panels/notes' } }],
        },
      },
    ],
  },
});

/** A labeled ConfigMap holding one resource under `key`, created as kubectl apply would. */
export async function putConfigMap(
  core: CoreV1Api,
  namespace: string,
  name: string,
  key: string,
  doc: unknown,
): Promise<void> {
  const body = {
    metadata: { name, namespace, labels: { [PROVISIONING_LABEL]: PROVISIONING_LABEL_VALUE } },
    data: { [key]: `${JSON.stringify(doc, null, 2)}\n` },
  };
  try {
    await core.createNamespacedConfigMap({ namespace, body });
  } catch {
    await core.replaceNamespacedConfigMap({ namespace, name, body });
  }
}

/** The console's status of a resource, once it has one. */
export async function pipelineOf(base: string, id: string): Promise<ResourcePipeline | null> {
  const res = await fetch(`${base}${API.statusResource(id)}`);
  return res.status === 200 ? ((await res.json()) as ResourcePipeline) : null;
}

/** Waits until the resource's status satisfies `pred`; returns it. */
export async function waitForStatus(
  base: string,
  id: string,
  pred: (s: ResourceStatus) => boolean,
  timeoutMs: number,
  label: string,
): Promise<ResourceStatus> {
  let last: ResourceStatus | undefined;
  try {
    const hit = await eventually(
      async () => {
        last = (await pipelineOf(base, id))?.status;
        return last && pred(last) ? last : undefined;
      },
      timeoutMs,
      label,
    );
    if (!hit) throw new Error(label);
    return hit;
  } catch (err) {
    throw new Error(`${(err as Error).message}; last status: ${JSON.stringify(last)}`, {
      cause: err,
    });
  }
}

/**
 * Waits until a resource saved with apply now is Synced through the console's own write to Perses,
 * which no provisioning cycle has confirmed yet: what every apply-now save must show at once.
 */
export async function waitForDirectSync(base: string, id: string): Promise<ResourceStatus> {
  const status = await waitForStatus(base, id, (s) => s.state === 'synced', 5000, 'synced');
  expect(status.direct).toMatchObject({ outcome: 'applied', confirmedAt: null });
  return status;
}

/** The id the console gives the resource in ConfigMap `name`, once it lists it. */
export async function idOf(base: string, configMapName: string, key?: string): Promise<string> {
  const id = await eventually(
    async () => {
      const list = (await (await fetch(`${base}${API.resources}`)).json()) as {
        items: { id: string; configMapName: string; key: string }[];
      };
      return list.items.find((i) => i.configMapName === configMapName && (!key || i.key === key))
        ?.id;
    },
    10_000,
    `the console lists ConfigMap ${configMapName}`,
  );
  if (!id) throw new Error(`no id for ${configMapName}`);
  return id;
}
