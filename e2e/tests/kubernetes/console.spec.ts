// Scenarios on the real stack: each asserts what the user sees and what kube-apiserver holds.
import { configMapNameFor, dataKeyFor } from '@perses-cm/resources';
import { expect, test } from '../../fixtures/test.ts';
import { createResource, firstPanelTitle, renameFirstPanel } from '../../fixtures/api.ts';
import { dashboardDoc, json, projectDoc, runId } from '../../fixtures/docs.ts';
import { Kube } from '../../fixtures/kube.ts';
import { EditorPage } from '../../pages/editor-page.ts';
import { ListPage } from '../../pages/list-page.ts';

const PROJECT = `e2e-${runId}`;

test.beforeEach(({ env }) => {
  if (!env.kubernetes) throw new Error(`no Kubernetes target: ${env.kubernetesError ?? 'unknown'}`);
});

function kubeOf(env: { kubernetes?: { kubeconfigs: { admin: string } } }) {
  return new Kube(env.kubernetes?.kubeconfigs.admin ?? '');
}

test('creates a project and a dashboard as ConfigMaps', async ({ page, env, shot }) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const editor = new EditorPage(page);

  await page.goto(`${k.admin}/new?kind=Project&namespace=${k.namespace}`);
  await editor.waitReady();
  await editor.setText(json(projectDoc(PROJECT)));
  const cmName = configMapNameFor({ kind: 'Project', name: PROJECT });
  const key = dataKeyFor({ kind: 'Project', name: PROJECT }, 'json');
  await expect(page.getByTestId('placement-configmap')).toHaveText(`${k.namespace}/${cmName}`);
  await expect(page.getByTestId('placement-key')).toHaveText(key);
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('heading', { name: PROJECT })).toBeVisible();
  const cm = await kube.get(k.namespace, cmName);
  expect(cm?.metadata?.labels?.['perses.dev/resource']).toBe('true');
  expect(JSON.parse(cm?.data?.[key] ?? '{}')).toMatchObject({
    kind: 'Project',
    metadata: { name: PROJECT },
  });

  await page.goto(`${k.admin}/new?kind=Dashboard&namespace=${k.namespace}`);
  await editor.waitReady();
  const dash = dashboardDoc(PROJECT, 'created');
  await editor.setText(json(dash));
  const dashId = { kind: 'Dashboard' as const, project: PROJECT, name: 'created' };
  await expect(page.getByTestId('placement-key')).toHaveText(dataKeyFor(dashId, 'json'));
  await shot('kubernetes-create');
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'created' })).toBeVisible();
  const stored = await kube.data(k.namespace, configMapNameFor(dashId), dataKeyFor(dashId, 'json'));
  expect(firstPanelTitle(stored ?? '{}')).toBe('Request rate');
});

test('edits a panel title, reviews the diff, and the ConfigMap changes', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'edit-me'), k.namespace);
  await page.goto(`${k.admin}/resources/${encodeURIComponent(created.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await shot('kubernetes-editor');
  await editor.setText(renameFirstPanel(created.text, 'Renamed panel'));
  await editor.pressSave();
  await expect(editor.diffDialog.getByTestId('diff-editor')).toContainText('Renamed panel');
  await editor.confirmSave();
  await expect(editor.toast('Saved')).toBeVisible();
  if (created.origin.type !== 'configmap') throw new Error('expected a ConfigMap');
  const data = await kube.data(created.origin.namespace, created.origin.name, created.origin.key);
  expect(firstPanelTitle(data ?? '{}')).toBe('Renamed panel');
});

test('a second browser edits meanwhile: conflict shown, text kept, resolved into the ConfigMap', async ({
  page,
  browser,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'contended'), k.namespace);
  const url = `${k.admin}/resources/${encodeURIComponent(created.id)}`;
  const first = new EditorPage(page);
  await page.goto(url);
  await first.waitReady();
  await first.setText(renameFirstPanel(created.text, 'First'));

  const other = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page2 = await other.newPage();
  const second = new EditorPage(page2);
  await page2.goto(url);
  await second.waitReady();
  await second.setText(renameFirstPanel(created.text, 'Second'));
  await second.pressSave();
  await second.confirmSave();
  await expect(second.toast('Saved')).toBeVisible();
  await other.close();

  await expect(
    page.getByRole('alert').filter({ hasText: 'Changed by someone else' }),
  ).toBeVisible();
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await first.pressSave();
  await first.diffsShown(first.conflictDialog, 'Second', 'First');
  await shot('kubernetes-conflict');
  await first.conflictDialog.getByRole('button', { name: /Keep mine/ }).click();
  await first.confirmSave();
  await expect(first.toast('Saved')).toBeVisible();
  if (created.origin.type !== 'configmap') throw new Error('expected a ConfigMap');
  const data = await kube.data(created.origin.namespace, created.origin.name, created.origin.key);
  expect(firstPanelTitle(data ?? '{}')).toBe('First');
});

test('an invalid edit shows a marker and the save is refused', async ({ page, env }) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'invalid'), k.namespace);
  await page.goto(`${k.admin}/resources/${encodeURIComponent(created.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await editor.setText(created.text.replace(`"name": "invalid"`, `"name": "not valid!"`));
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText(/1 error/);
  await expect(problems).toContainText('may only contain letters');
  // The marker is in the editor, at the name's line.
  await problems
    .getByRole('button', { name: /^error at line 4/ })
    .first()
    .click();
  await expect(page.locator('.squiggly-error').first()).toBeVisible();
  await editor.pressSave();
  await expect(page.getByRole('alert').filter({ hasText: 'Save refused' })).toBeVisible();
  await expect(editor.diffDialog).toBeHidden();
  if (created.origin.type !== 'configmap') throw new Error('expected a ConfigMap');
  expect(await kube.data(created.origin.namespace, created.origin.name, created.origin.key)).toBe(
    created.text,
  );
});

test('a viewer sees editing disabled, with the reason', async ({ page, env, shot }) => {
  const k = env.kubernetes!;
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'read-only'), k.namespace);
  await page.goto(`${k.viewer}/resources/${encodeURIComponent(created.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await expect(editor.save).toBeDisabled();
  await expect(editor.save).toHaveAccessibleName(/viewer may not update/);
  await expect(editor.deleteButton).toBeDisabled();
  await expect(page.getByRole('note').filter({ hasText: 'Read-only' })).toBeVisible();
  await shot('kubernetes-viewer');
  await page.goto(k.viewer);
  await expect(
    page.getByRole('button', { name: /New resource \(disabled: viewer may not create/ }),
  ).toBeDisabled();
  await page.goto(`${k.viewer}/new?kind=Project`);
  await expect(page.getByRole('button', { name: /^Create/ })).toBeDisabled();
});

test('a change made with the Kubernetes API appears in the open list within a second', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const list = new ListPage(page, k.admin);
  await list.goto(`?project=${PROJECT}`);
  await expect(list.connection()).toHaveAttribute('data-status', 'connected');
  const name = `live-${Date.now().toString(36)}`;
  await kube.createResource(k.namespace, dashboardDoc(PROJECT, name));
  await expect(list.row('Dashboard', name, PROJECT)).toBeVisible({ timeout: 1000 });

  const cmName = configMapNameFor({ kind: 'Dashboard', project: PROJECT, name });
  const key = dataKeyFor({ kind: 'Dashboard', project: PROJECT, name }, 'json');
  const changed = {
    ...dashboardDoc(PROJECT, name),
    spec: { ...dashboardDoc(PROJECT, name).spec, display: { name: 'Changed by kubectl' } },
  };
  await kube.setData(k.namespace, cmName, key, json(changed));
  await expect(page.getByText('Changed by kubectl')).toBeVisible({ timeout: 1000 });
  await list.goto();
  await shot('kubernetes-list');
});

test('deletes with a confirmation naming the ConfigMap', async ({ page, env, shot }) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'delete-me'), k.namespace);
  if (created.origin.type !== 'configmap') throw new Error('expected a ConfigMap');
  const { namespace, name } = created.origin;
  await page.goto(`${k.admin}/resources/${encodeURIComponent(created.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await editor.deleteButton.click();
  const dialog = page.getByRole('dialog', { name: /Delete Dashboard "delete-me"/ });
  await expect(dialog).toContainText(`ConfigMap ${namespace}/${name}`);
  await expect(dialog).toContainText('Perses keeps the Dashboard');
  await dialog
    .getByRole('textbox', { name: 'Resource name to confirm deletion' })
    .fill('delete-me');
  await shot('kubernetes-delete');
  await dialog.getByRole('button', { name: 'Delete ConfigMap' }).click();
  await expect(page.getByRole('grid', { name: 'Resources' })).toBeVisible();
  await expect.poll(() => kube.get(namespace, name)).toBeUndefined();
  await expect(new ListPage(page, k.admin).row('Dashboard', 'delete-me', PROJECT)).toBeHidden();
});

test('an unlabeled ConfigMap is listed only on request, badged, and opens read-only', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = kubeOf(env);
  const name = `unlabeled-${Date.now().toString(36)}`;
  const cmName = configMapNameFor({ kind: 'Dashboard', project: PROJECT, name });
  await kube.createUnlabeledResource(k.namespace, dashboardDoc(PROJECT, name));
  try {
    const list = new ListPage(page, k.admin);
    // Loaded after the ConfigMap exists, filtered to it: absent means not listed at all.
    await list.goto(`?q=${name}`);
    await expect(page.getByRole('heading', { name: /^No resource/ })).toBeVisible();
    await expect(list.row('Dashboard', name, PROJECT)).toBeHidden();

    // The toggle follows the URL, which updates after the click: wait for the state, not at once.
    await list.unlabeledToggle.click();
    await expect(list.unlabeledToggle).toBeChecked();
    await expect(page).toHaveURL(/[?&]unlabeled=1/);
    await expect(list.row('Dashboard', name, PROJECT)).toBeVisible();
    const badge = list.badge('Dashboard', name, PROJECT, 'unlabeled');
    await expect(badge).toBeVisible();
    await expect(badge).toHaveAttribute('title', /lacks the label perses\.dev\/resource=true/);
    await shot('kubernetes-unlabeled');

    await list.open('Dashboard', name, PROJECT);
    const editor = new EditorPage(page);
    await editor.waitReady();
    await expect(editor.save).toBeDisabled();
    await expect(editor.save).toHaveAttribute('aria-label', /^Save \(disabled: lacks the label/);
    await expect(editor.deleteButton).toBeDisabled();
    await expect(page.getByRole('note')).toContainText('Perses never sees it');
  } finally {
    await kube.delete(k.namespace, cmName);
  }
});
