// The chart through the real helm, and its output through the real kube-apiserver of the stack.
// Types inject('stack'): the global setup declares what it provides.
import type {} from '@perses-cm/stack/vitest-global-setup';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  findOne,
  lintChart,
  PRESETS,
  renderChart,
  templateChart,
  type Manifest,
  type PresetName,
} from './chart.ts';
import { TestCluster } from './testing/cluster.ts';

const presetNames = Object.keys(PRESETS) as PresetName[];
const cluster = new TestCluster(inject('stack'));
let ns: string;

/** Every optional object on, so the dry run checks them too (ServiceMonitor needs its CRD). */
const allOptions = {
  perses: { url: 'http://perses.perses.svc:8080', serviceName: 'perses' },
  ingress: {
    enabled: true,
    className: 'nginx',
    tls: [{ secretName: 'tls', hosts: ['a.example'] }],
  },
  networkPolicy: {
    enabled: true,
    ingress: { from: [{ namespaceSelector: { matchLabels: { team: 'platform' } } }] },
    egress: { enabled: true, apiServerCidrs: ['10.0.0.1/32'] },
  },
};

beforeAll(async () => {
  // The strictest Pod Security Standard, enforced: a pod that breaks it is refused.
  ns = await cluster.namespace('pcm-chart', {
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/warn': 'restricted',
  });
});
afterAll(() => cluster.cleanup());

describe('helm', () => {
  it.each(presetNames)('lints the %s preset with --strict', async (preset) => {
    const r = await lintChart({ ...PRESETS[preset], ...allOptions });
    expect(r.stdout + r.stderr).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(r.code).toBe(0);
  });

  it.each([
    [{ bogus: 1 }, "additional properties 'bogus' not allowed"],
    [{ auth: { mode: 'open' } }, '/auth/mode'],
    [{ auth: { mode: 'proxy' } }, 'auth.proxy.trustedProxies: list the auth proxy'],
    [{ auth: { mode: 'token', token: { idleTimeout: 'soon' } } }, '/auth/token/idleTimeout'],
    [{ scope: 'everywhere' }, '/scope'],
    [{ label: 'perses.dev/resource=not ok' }, '/label'],
    [{ namespaces: ['Team_A'] }, '/namespaces/0'],
    [{ image: { tag: 'latest' } }, 'image.tag: latest is refused'],
    [{ scope: 'cluster', namespaces: ['team-a'] }, 'namespaces: applies to scope=namespace only'],
    [
      { networkPolicy: { enabled: true, egress: { enabled: true } } },
      'networkPolicy.egress.apiServerCidrs: required',
    ],
  ])('refuses %j, naming the field', async (values, message) => {
    const r = await templateChart('bad', 'default', values);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(message);
  });
});

describe('kube-apiserver', () => {
  it.each(presetNames)('accepts every object of the %s preset (server dry run)', async (preset) => {
    const manifests = await renderChart('pcm', ns, { ...PRESETS[preset], ...allOptions });
    const r = await cluster.dryRun(manifests);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // One line per object, e.g. `deployment.apps/pcm-perses-cm created (server dry run)`.
    expect(r.stdout.trim().split('\n')).toHaveLength(manifests.length);
  });

  it('runs the pod under the restricted Pod Security Standard', async () => {
    const manifests = await renderChart('pcm', ns, {});
    await cluster.apply(manifests.filter((m) => m.kind === 'ServiceAccount'));
    const pod = podOf(findOne(manifests, 'Deployment'), ns);
    const accepted = await cluster.dryRun([pod]);
    expect(accepted.stderr).toBe('');
    expect(accepted.code).toBe(0);

    // The same check refuses a pod that may escalate: it is not a check that always passes.
    const loose = podOf(findOne(manifests, 'Deployment'), ns);
    const spec = loose['spec'] as { containers: { securityContext: Record<string, unknown> }[] };
    spec.containers[0]!.securityContext['allowPrivilegeEscalation'] = true;
    const refused = await cluster.dryRun([loose]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('violates PodSecurity "restricted');
  });
});

/** A bare Pod from a Deployment's template: Pod Security admission enforces on pods. */
function podOf(deployment: Manifest, namespace: string): Manifest {
  const template = structuredClone(
    (deployment['spec'] as { template: { metadata: Manifest['metadata']; spec: unknown } })
      .template,
  );
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...template.metadata, name: `${deployment.metadata.name}-check`, namespace },
    spec: template.spec,
  };
}
