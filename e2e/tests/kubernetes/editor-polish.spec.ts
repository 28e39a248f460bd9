// The editor's correctness and polish on the real stack (kube-apiserver, Perses with its plugins):
// Perses's verdict where the user looks, the size limit, conflicts resolved by merging, lists of
// resources split, GitOps owners, create in YAML with identity fields, and the small things,
// with screenshots at 1440, 1024 and 390 px wide.
import { configMapNameFor, dataKeyFor } from '@perses-cm/resources';
import { expect, test } from '../../fixtures/test.ts';
import { createResource } from '../../fixtures/api.ts';
import { dashboardDoc, json, projectDoc, runId } from '../../fixtures/docs.ts';
import { Kube } from '../../fixtures/kube.ts';
import { EditorPage } from '../../pages/editor-page.ts';
import { ListPage } from '../../pages/list-page.ts';

const PROJECT = `e2e-${runId}-polish`;
const WIDTHS = {
  wide: { width: 1440, height: 900 },
  laptop: { width: 1024, height: 768 },
  phone: { width: 390, height: 844 },
};

test.beforeEach(({ env }) => {
  if (!env.kubernetes) throw new Error(`no Kubernetes target: ${env.kubernetesError ?? 'unknown'}`);
});

test.beforeAll(async () => {
  const { e2eEnv } = await import('../../fixtures/env.ts');
  const k = e2eEnv().kubernetes;
  if (k) await createResource(k.admin, projectDoc(PROJECT), k.namespace).catch(() => undefined);
});

const kubeOf = (env: { kubernetes?: { kubeconfigs: { admin: string } } }) =>
  new Kube(env.kubernetes?.kubeconfigs.admin ?? '');

function withPanelField(text: string, field: string): string {
  const doc = JSON.parse(text) as {
    spec: { panels: Record<string, { spec: { plugin: { spec: object } } }> };
  };
  for (const p of Object.values(doc.spec.panels))
    p.spec.plugin.spec = { ...p.spec.plugin.spec, [field]: 1 };
  return json(doc);
}

test("Perses's refusal: in full, on its line, and said in the review before saving anyway", async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'refused'), k.namespace);
  await page.goto(`${k.admin}/resources/${encodeURIComponent(created.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  const text = withPanelField(created.text, 'notAField');
  await editor.setText(text);
  const line = text.split('\n').findIndex((l) => l.includes('"notAField"')) + 1;
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(
    problems.getByRole('button', {
      name: `error at line ${line}: Perses refuses this document: panel "requests": spec.notAField: field not allowed`,
    }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('perses-message')).toContainText(
    'invalid panel requests: spec.notAField: field not allowed',
  );
  await editor.pressSave();
  await expect(editor.diffDialog.getByRole('alert')).toContainText('Perses refuses this document:');
  await expect(editor.diffDialog.getByRole('alert')).toContainText('field not allowed');
  await shot('polish-perses-review-1440');
  await editor.diffDialog.getByRole('button', { name: 'Save anyway' }).click();
  await expect(editor.toast('Saved')).toBeVisible();
  if (created.origin.type !== 'configmap') throw new Error('expected a ConfigMap');
  const kube = kubeOf(env);
  expect(
    await kube.data(created.origin.namespace, created.origin.name, created.origin.key),
  ).toContain('notAField');
});

test('the size against 1 MiB, live: a warning from 90 %, Save off and Perses not asked above', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'sized'), k.namespace);
  await page.goto(`${k.admin}/resources/${encodeURIComponent(created.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  const padded = (bytes: number) => {
    const doc = JSON.parse(created.text) as {
      spec: { display: { name: string; description?: string } };
    };
    doc.spec.display.description = '';
    const room = bytes - Buffer.byteLength(json(doc));
    doc.spec.display.description = 'x'.repeat(room);
    return json(doc);
  };
  await editor.setText(padded(960_000));
  await expect(page.getByTestId('document-size')).toContainText('91% of 1 MiB — near the limit');
  await editor.setText(padded(1_100_000));
  const size = page.getByTestId('document-size');
  await expect(size).toContainText('— too large');
  await expect(page.getByTestId('perses-skipped')).toContainText(
    'too large to send: the document is 1,100,000 bytes',
  );
  await expect(editor.save).toBeDisabled();
  await expect(editor.save).toHaveAccessibleName(
    /Save \(disabled: Fix 1 error before saving: line 1: the document is 1,100,000 bytes/,
  );
  await shot('polish-size-1440');
});

test('a change by someone else: who and when, then Merge takes both changes into the ConfigMap', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'merged'), k.namespace);
  if (created.origin.type !== 'configmap') throw new Error('expected a ConfigMap');
  const { namespace, name, key } = created.origin;
  await page.goto(`${k.admin}/resources/${encodeURIComponent(created.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await editor.setText(created.text.replace('"Request rate"', '"Mine"'));
  await kube.setData(
    namespace,
    name,
    key,
    created.text.replace(`"Dashboard merged"`, '"Renamed by kubectl"'),
  );
  await expect(
    page.getByRole('alert').filter({ hasText: 'Changed by someone else' }),
  ).toBeVisible();
  await expect(page.getByTestId('stored-version')).toBeVisible();
  await editor.pressSave();
  await editor.diffsShown(editor.conflictDialog, 'Renamed by kubectl', 'Mine');
  await expect(editor.conflictDialog).toContainText(/Changed by \S+/);
  await expect(editor.conflictDialog).toContainText('touch different lines');
  await shot('polish-conflict-1440');
  await editor.conflictDialog.getByRole('button', { name: 'Merge both changes' }).click();
  await editor.confirmSave();
  await expect(editor.toast('Saved')).toBeVisible();
  const stored = (await kube.data(namespace, name, key)) ?? '';
  expect(stored).toContain('"Renamed by kubectl"');
  expect(stored).toContain('"Mine"');
});

test('a key holding a list: each resource on its own row, opened where it is, then split', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const variable = (n: string) => ({
    kind: 'Variable',
    metadata: { name: n, project: PROJECT },
    spec: { kind: 'TextVariable', spec: { name: n, value: 'x' } },
  });
  const listCm = `e2e-${runId}-list`;
  const listText = json([variable('first'), variable('second')]);
  await kube.createRaw(k.namespace, {
    metadata: { name: listCm, labels: { 'perses.dev/resource': 'true' } },
    data: { [`e2e-${runId}-vars.json`]: listText },
  });
  const secondLine =
    listText.split('\n').findIndex((l, i, all) => l === '  {' && all.indexOf('  {') !== i) + 1;
  await kube.createRaw(k.namespace, {
    metadata: { name: `e2e-${runId}-ephemeral`, labels: { 'perses.dev/resource': 'true' } },
    data: {
      [`e2e-${runId}-ephemeral.json`]: json([
        { kind: 'EphemeralDashboard', metadata: { name: 'TempDemo', project: PROJECT }, spec: {} },
      ]),
    },
  });
  const list = new ListPage(page, k.admin);
  await list.goto(`?project=${PROJECT}`);
  await expect(list.row('Variable', 'first', PROJECT)).toBeVisible();
  await expect(list.row('EphemeralDashboard', 'TempDemo', PROJECT)).toBeVisible();
  await list.open('Variable', 'second', PROJECT);
  const editor = new EditorPage(page);
  await editor.waitReady();
  // Opened at the chosen resource: the cursor is on the line where it starts.
  await expect(page.locator('.line-numbers.active-line-number')).toHaveText(String(secondLine));
  await expect(page.getByRole('region', { name: 'Problems' })).not.toContainText('Incorrect type');
  await page.getByRole('button', { name: 'Split…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Split into one ConfigMap per resource' });
  await expect(dialog.getByRole('table', { name: 'Split plan' })).toContainText(
    configMapNameFor({ kind: 'Variable', project: PROJECT, name: 'second' }),
  );
  await shot('polish-split-1440');
  await dialog.getByRole('button', { name: 'Split', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'second', level: 1 })).toBeVisible();
  await expect(editor.save).toHaveAccessibleName(/No changes to save/);
  await expect.poll(() => kube.get(k.namespace, listCm)).toBeUndefined();
  const id = { kind: 'Variable' as const, project: PROJECT, name: 'first' };
  expect(await kube.data(k.namespace, configMapNameFor(id), dataKeyFor(id, 'json'))).toContain(
    '"first"',
  );
});

test('Argo CD and Flux owners: warned before editing, with the ConfigMap as a manifest to commit', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const doc = dashboardDoc(PROJECT, 'argo-owned');
  const cm = `e2e-${runId}-argo`;
  await kube.createRaw(k.namespace, {
    metadata: {
      name: cm,
      labels: { 'perses.dev/resource': 'true' },
      annotations: {
        'argocd.argoproj.io/tracking-id': `dashboards:/ConfigMap:${k.namespace}/${cm}`,
      },
    },
    data: { [`e2e-${runId}-argo.json`]: json(doc) },
  });
  await kube.createRaw(k.namespace, {
    metadata: {
      name: `e2e-${runId}-flux`,
      labels: {
        'perses.dev/resource': 'true',
        'kustomize.toolkit.fluxcd.io/name': 'dashboards',
        'kustomize.toolkit.fluxcd.io/namespace': 'flux-system',
      },
    },
    data: { [`e2e-${runId}-flux.json`]: json(dashboardDoc(PROJECT, 'flux-owned')) },
  });
  const list = new ListPage(page, k.admin);
  await list.goto(`?project=${PROJECT}`);
  await expect(list.badge('Dashboard', 'flux-owned', PROJECT, 'Flux')).toBeVisible();
  await expect(list.badge('Dashboard', 'argo-owned', PROJECT, 'Argo CD')).toBeVisible();
  await list.open('Dashboard', 'argo-owned', PROJECT);
  const editor = new EditorPage(page);
  await editor.waitReady();
  const banner = page.getByRole('note', { name: 'Managed elsewhere' });
  await expect(banner).toContainText('Managed by Argo CD.');
  await expect(banner).toContainText(
    'your edit will be reverted at the next sync; change it in Git',
  );
  await banner.getByRole('button', { name: 'Copy as manifest' }).click();
  const manifest = page.getByRole('textbox', { name: 'ConfigMap manifest (YAML)' });
  await expect(manifest).toHaveValue(new RegExp(`name: ${cm}`));
  await expect(manifest).not.toHaveValue(/tracking-id/);
  await shot('polish-argo-manifest-1440');
  await list.goto(`?project=${PROJECT}`);
  await list.open('Dashboard', 'flux-owned', PROJECT);
  await editor.waitReady();
  await expect(banner).toContainText('Managed by Flux.');
  await expect(banner).toContainText('Kustomization flux-system/dashboards');
});

test('create in YAML: identity fields in step with the text, a chosen ConfigMap name, a lower-case clash caught', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  await createResource(k.admin, dashboardDoc(PROJECT, 'mixedcase'), k.namespace);
  await page.goto(`${k.admin}/new?kind=Dashboard&namespace=${k.namespace}&project=${PROJECT}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  const form = page.getByRole('group', { name: 'Identity' });
  await expect(form.getByRole('combobox', { name: 'Project' })).toHaveValue(PROJECT);
  const yaml = `# created in YAML\nkind: Dashboard\nmetadata:\n  name: MixedCase\n  project: ${PROJECT}\nspec:\n  display:\n    name: From YAML\n  duration: 1h\n  panels: {}\n  layouts: []\n`;
  await editor.setText(yaml);
  await expect(form.getByRole('button', { name: 'YAML' })).toHaveAttribute('aria-pressed', 'true');
  await expect(form.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('MixedCase');
  await expect(
    page.getByRole('alert').filter({ hasText: 'which lower-cases names' }),
  ).toBeVisible();
  const create = page.getByRole('button', { name: /^Create/ });
  await expect(create).toBeDisabled();
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill('from-yaml');
  await expect.poll(() => editor.text()).toMatch(/name:\s+from-yaml/);
  const cmField = form.getByRole('textbox', { name: 'ConfigMap name' });
  await cmField.fill('Bad_Name');
  await expect(form).toContainText('ConfigMap name must be lower case');
  await expect(create).toBeDisabled();
  const chosen = `e2e-${runId}-chosen`;
  await cmField.fill(chosen);
  await expect(page.getByTestId('placement-configmap')).toHaveText(`${k.namespace}/${chosen}`);
  await shot('polish-create-yaml-1440');
  await page.setViewportSize(WIDTHS.phone);
  await shot('polish-create-yaml-390');
  await page.setViewportSize(WIDTHS.wide);
  await create.click();
  await expect(page.getByRole('heading', { name: 'from-yaml', level: 1 })).toBeVisible();
  const key = dataKeyFor({ kind: 'Dashboard', project: PROJECT, name: 'from-yaml' }, 'yaml');
  expect(await kube.data(k.namespace, chosen, key)).toContain('# created in YAML');
});

test('small things: secrets flagged, Save off with its reason, Ctrl+S anywhere, wrong-case kind, theme, missing page', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const secret = await createResource(
    k.admin,
    {
      kind: 'Secret',
      metadata: { name: 'plain', project: PROJECT },
      spec: { basicAuth: { username: 'u', password: 'p' } },
    },
    k.namespace,
  );
  const list = new ListPage(page, k.admin);
  await list.goto(`?project=${PROJECT}`);
  await expect(list.badge('Secret', 'plain', PROJECT, 'plain-text secret')).toBeVisible();
  await list.open('Secret', 'plain', PROJECT);
  const editor = new EditorPage(page);
  await editor.waitReady();
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('in plain text in a ConfigMap');
  await editor.setText(secret.text.replace('"u"', '"user"'));
  // Still flagged while the text changes (the live check runs the same rule).
  await expect(problems).toContainText('in plain text in a ConfigMap', { timeout: 20_000 });
  // Ctrl+S from outside the editor opens the review.
  await page.getByRole('heading', { name: 'plain', level: 1 }).click();
  await page.keyboard.press('ControlOrMeta+S');
  await expect(editor.diffDialog).toBeVisible();
  await editor.diffDialog.getByRole('button', { name: 'Back to editing' }).click();

  await editor.setText(secret.text.replace('"kind": "Secret"', '"kind": "secret"'));
  await expect(problems).toContainText('kind "secret" must be spelled "Secret"', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('perses-skipped')).toContainText('spelled in the wrong case');
  await expect(editor.save).toHaveAccessibleName(/^Save \(disabled: Fix \d+ errors? before saving/);
  await page.setViewportSize(WIDTHS.phone);
  await shot('polish-editor-390');
  await page.setViewportSize(WIDTHS.wide);

  await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.goto(`${k.admin}/resources/nothing-here~AAAAAAAAAAAAAAAAAAAAAA`);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('link', { name: 'Back to the resource list' }).click();
  await expect(page.getByRole('grid', { name: 'Resources' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
});

test('the list at 1024 and 390 px: names readable, sort by keyboard, Back returns to the row', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const long = 'a-dashboard-with-a-rather-long-name-for-the-column';
  await createResource(k.admin, dashboardDoc(PROJECT, long), k.namespace).catch(() => undefined);
  await page.setViewportSize(WIDTHS.laptop);
  const list = new ListPage(page, k.admin);
  await list.goto(`?project=${PROJECT}`);
  const link = list.row('Dashboard', long, PROJECT);
  await expect(link).toHaveAttribute('title', new RegExp(`^${PROJECT}/${long}`));
  const box = await link.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(150);
  await shot('polish-list-1024');

  // Sort headers are buttons in the tab order.
  const nameHeader = page.getByRole('button', { name: 'Name', exact: true });
  await nameHeader.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]dir=desc/);

  await list.grid.focus();
  await link.click();
  await new EditorPage(page).waitReady();
  await page.goBack();
  await expect(list.grid).toBeFocused();
  const activeId = await list.grid.getAttribute('aria-activedescendant');
  await expect(page.locator(`#${activeId}`)).toContainText(long);
  await page.setViewportSize(WIDTHS.phone);
  await shot('polish-list-390');
});
