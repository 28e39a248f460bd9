// The Settings page on the stack: a Perses StatefulSet whose sidecar watches another label (applied
// to kube-apiserver; no kubelet runs it) gives a blocking mismatch in words; the Helm values are
// shown with their command; a relabel of 30 ConfigMaps runs with a progress bar to its end.
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { expect, test } from '../../fixtures/test.ts';
import { runId } from '../../fixtures/docs.ts';

const WORKLOAD = `e2e-perses-${runId}`;
const OLD = `e2e.perses-cm/old-${runId}`;
const NEW = `e2e.perses-cm/new-${runId}`;

function clients(kubeconfig: string) {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  return { apps: kc.makeApiClient(AppsV1Api), core: kc.makeApiClient(CoreV1Api) };
}

test.beforeEach(({ env }) => {
  if (!env.kubernetes) throw new Error(`no Kubernetes target: ${env.kubernetesError ?? 'unknown'}`);
});

test('settings: the mismatch, the Helm values, and a relabel with progress', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const { apps, core } = clients(k.kubeconfigs.admin);
  const namespace = k.namespace;
  const labels = { 'app.kubernetes.io/name': 'perses', 'app.kubernetes.io/instance': WORKLOAD };
  await apps.createNamespacedStatefulSet({
    namespace,
    body: {
      metadata: { name: WORKLOAD, labels },
      spec: {
        serviceName: WORKLOAD,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            containers: [
              { name: 'perses', image: 'persesdev/perses:v0.54.0' },
              {
                name: 'perses-provisioning-sidecar',
                image: 'kiwigrid/k8s-sidecar:2.10.0',
                env: [
                  { name: 'LABEL', value: 'team' },
                  { name: 'LABEL_VALUE', value: 'perses' },
                  { name: 'FOLDER', value: '/etc/perses/provisioning' },
                ],
              },
            ],
          },
        },
      },
    },
  });
  const names = Array.from({ length: 30 }, (_, i) => `e2e-relabel-${runId}-${i}`);
  for (const name of names)
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name, labels: { [OLD]: 'true' } }, data: { 'note.txt': name } },
    });
  try {
    await page.goto(`${k.admin}/settings`);
    const mismatches = page.getByRole('region', { name: 'Mismatches' });
    await expect(mismatches).toContainText(
      'the console labels new ConfigMaps perses.dev/resource=true, but the sidecar watches team=perses: new resources never reach Perses',
    );
    await expect(page.getByLabel('Values snippet')).toContainText('label: "perses.dev/resource"');
    await expect(page.getByLabel('Helm command')).toContainText(
      `helm upgrade ${WORKLOAD} perses/perses --namespace ${namespace} --reuse-values -f perses-sidecar-values.yaml`,
    );
    await shot('kubernetes-settings-1440');

    const relabel = page.getByRole('region', { name: 'Relabel' });
    await relabel.getByLabel('From label').fill(`${OLD}=true`);
    await relabel.getByLabel('New label key').fill(NEW);
    await relabel.getByRole('button', { name: 'Dry run' }).click();
    await expect(relabel).toContainText('30 ConfigMaps would change.');
    await expect(relabel).toContainText('The sidecar watches team=perses');
    await relabel.getByRole('button', { name: 'Relabel 30 ConfigMaps' }).click();
    await expect(relabel).toContainText('30 of 30 done: 30 relabelled, 0 failed');
    await expect(relabel.getByRole('progressbar', { name: 'Relabelled' })).toHaveAttribute(
      'value',
      '30',
    );
    await relabel.getByRole('progressbar', { name: 'Relabelled' }).scrollIntoViewIfNeeded();
    await shot('kubernetes-settings-relabel-1440');
    const moved = await core.listNamespacedConfigMap({ namespace, labelSelector: `${NEW}=true` });
    expect(moved.items.map((c) => c.metadata?.name).sort()).toEqual([...names].sort());

    await page.setViewportSize({ width: 390, height: 844 });
    await mismatches.scrollIntoViewIfNeeded();
    await expect(mismatches).toBeInViewport();
    await shot('kubernetes-settings-390');
    await page.getByRole('form', { name: 'Console settings' }).scrollIntoViewIfNeeded();
    await shot('kubernetes-settings-390-form');
  } finally {
    await apps.deleteNamespacedStatefulSet({ namespace, name: WORKLOAD }).catch(() => undefined);
    for (const name of names)
      await core.deleteNamespacedConfigMap({ namespace, name }).catch(() => undefined);
  }
});
