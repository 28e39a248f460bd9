// Apply now in the review dialog: the option is offered (on, since the stack's Perses takes
// writes), the save answers with what Perses did, and the status shows the direct write; the
// delete dialog offers to delete it from Perses too. The review dialog fits a 390 px phone.
import { API, ResourcePipeline } from '@perses-cm/api';
import { expect, test } from '../../fixtures/test.ts';
import { createResource, renameFirstPanel } from '../../fixtures/api.ts';
import { dashboardDoc, projectDoc, runId } from '../../fixtures/docs.ts';
import { EditorPage } from '../../pages/editor-page.ts';

const PROJECT = `e2e-apply-${runId}`;

test.beforeEach(({ env }) => {
  if (!env.kubernetes) throw new Error(`no Kubernetes target: ${env.kubernetesError ?? 'unknown'}`);
});

test('the review dialog offers apply now; after saving Perses serves it and the status says so', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  await createResource(k.admin, projectDoc(PROJECT), k.namespace);
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'apply-me'), k.namespace);
  await page.goto(`${k.admin}/resources/${encodeURIComponent(created.id)}`);
  const editor = new EditorPage(page);
  await editor.waitReady();
  await editor.setText(renameFirstPanel(created.text, 'Applied at once'));
  await editor.pressSave();
  const option = editor.diffDialog.getByRole('checkbox', { name: 'Apply now in Perses' });
  await expect(option).toBeEnabled();
  await expect(option).toBeChecked();
  await shot('kubernetes-apply-now-review');
  // On a phone the whole dialog fits the screen: the option and both buttons reachable, nothing
  // pushed sideways out of view.
  await page.setViewportSize({ width: 390, height: 844 });
  for (const control of [
    option,
    editor.diffDialog.getByRole('button', { name: 'Back to editing' }),
    editor.diffDialog.getByRole('button', { name: 'Confirm and save' }),
  ])
    await expect(control).toBeInViewport({ ratio: 1 });
  const box = await editor.diffDialog.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390).toBe(true);
  expect(await editor.diffDialog.evaluate((d) => d.scrollWidth <= d.clientWidth)).toBe(true);
  await shot('kubernetes-apply-now-review-390');
  await page.setViewportSize({ width: 1440, height: 900 });
  await editor.confirmSave();
  await expect(editor.toast(/Perses serves Dashboard/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Provisioning' })).toContainText(
    /Synced.*applied directly/,
  );

  const res = await fetch(k.admin + API.statusResource(created.id));
  const pipeline = ResourcePipeline.parse(await res.json());
  expect(pipeline.status.direct).toMatchObject({ outcome: 'applied' });

  // Deleting offers to delete it from Perses too, on by default.
  await editor.deleteButton.click();
  const dialog = page.getByRole('dialog', { name: /Delete Dashboard "apply-me"/ });
  const alsoPerses = dialog.getByRole('checkbox', { name: 'Also delete from Perses' });
  await expect(alsoPerses).toBeChecked();
  await dialog.getByRole('textbox', { name: 'Resource name to confirm deletion' }).fill('apply-me');
  await dialog.getByRole('button', { name: 'Delete ConfigMap' }).click();
  await expect(editor.toast(/deleted from Perses too/)).toBeVisible();
});
