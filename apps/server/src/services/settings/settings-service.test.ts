// The settings view per person: the resource counts in the setup findings are those of the
// namespaces the caller may list, and the Perses workload is shown only when it runs in one of
// them; the console itself (doctor, no sign-in) is shown everything it found.
import type { V1StatefulSet } from '@kubernetes/client-node';
import type { ConsoleSettings } from '@perses-cm/api';
import { describe, expect, it } from 'vitest';
import type { Authorizer, Identity } from '../../domain/identity.ts';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';
import { SettingsService } from './settings-service.ts';

const settings: ConsoleSettings = {
  label: { key: 'perses.dev/resource', value: 'true' },
  namespaces: ['team-a', 'team-b'],
  defaultNamespace: 'team-a',
  sidecar: {
    namespaces: ['team-a'],
    uniqueFilenames: false,
    folderAnnotation: 'k8s-sidecar-target-directory',
  },
  provisioningInterval: '1h',
  applyNowByDefault: true,
};

/** The chart's StatefulSet in `namespace`, its sidecar watching only `watches`. */
const statefulSet = (namespace: string, watches: string): V1StatefulSet => ({
  metadata: { namespace, name: 'perses', labels: { 'app.kubernetes.io/instance': 'obs' } },
  spec: {
    selector: {},
    serviceName: 'perses',
    template: {
      metadata: { labels: { 'app.kubernetes.io/name': 'perses' } },
      spec: {
        containers: [
          {
            name: 'perses-provisioning-sidecar',
            env: [
              { name: 'LABEL', value: 'perses.dev/resource' },
              { name: 'LABEL_VALUE', value: 'true' },
              { name: 'NAMESPACE', value: watches },
            ],
          },
        ],
      },
    },
  },
});

function service(workloadIn: string, watches: string) {
  const kube = {
    defaultNamespace: 'team-a',
    listWorkloads: async (ns: string | null) => ({
      statefulSets: ns === null || ns === workloadIn ? [statefulSet(workloadIn, watches)] : [],
      deployments: [],
    }),
  } as unknown as KubeClient;
  // `dev-a` may list ConfigMaps in team-a only.
  const authorizer: Authorizer = {
    can: async (who, _verb, ns) => ({ allowed: who.name !== 'dev-a' || ns === 'team-a' }),
  };
  return new SettingsService({
    store: { where: 'memory', load: async () => null, save: async () => undefined },
    defaults: settings,
    target: 'kubernetes',
    kube,
    lookIn: null,
    perses: () => null,
    perNamespace: () =>
      new Map([
        ['team-a', 2],
        ['team-b', 7],
      ]),
    apply: async () => undefined,
    audit: null,
    authorizer,
  });
}

const person = (name: string): Identity => ({
  name,
  groups: [],
  source: 'proxy',
  credential: { type: 'impersonate' },
});
const console_: Identity = {
  name: 'system:serviceaccount:perses-cm:console',
  groups: [],
  source: 'kubeconfig',
};

describe('the settings view per person', () => {
  it('counts only the resources of namespaces the caller may list', async () => {
    const settings = service('team-a', 'team-a');
    const ops = JSON.stringify((await settings.view(person('ops'))).findings);
    expect(ops).toContain('7 resources live in `team-b`');
    const devA = (await settings.view(person('dev-a'))).findings.map((f) => f.message);
    expect(devA.join('\n')).not.toMatch(/\d+ resources? lives? in `team-b`/);
  });

  it('shows the Perses workload only to those who may list its namespace', async () => {
    const settings = service('team-b', 'team-b');
    const devA = await settings.view(person('dev-a'));
    expect(devA.discovered).toMatchObject({ workload: null, namespace: null, sidecar: null });
    expect(devA.discovered.reason).toMatch(/namespace you may not list/);
    expect(devA.helm.command).not.toContain('team-b');
    expect(JSON.stringify(devA.findings)).not.toContain('team-b');
    for (const who of [person('ops'), console_]) {
      const view = await settings.view(who);
      expect(view.discovered.workload).toBe('StatefulSet team-b/perses');
      expect(view.findings.map((f) => f.message)).toContain(
        'the sidecar watches only `team-b`, but 2 resources live in `team-a`: they never reach Perses',
      );
    }
  });
});
