// Two people signed in to the same token-mode console at once, each in their own browser: the
// stack's `viewer` (reads everything, writes nothing) and `editor` (writes ConfigMaps in team-a).
// On the same team-a resource Kubernetes RBAC gives them different rights, and the console shows
// each person their own; the audit log says who did what, a refused write included.
import {
  API,
  AuditResponse,
  CSRF_HEADER,
  ErrorBody,
  ListResourcesResponse,
  ResourceDetail,
} from '@perses-cm/api';
import { configMapNameFor } from '@perses-cm/resources';
import type { Page } from '@playwright/test';
import { expect, test } from '../../fixtures/test.ts';
import { json, projectDoc, runId } from '../../fixtures/docs.ts';
import { TOKEN_WRITABLE_NAMESPACE } from '../../fixtures/global-setup.ts';
import { Kube } from '../../fixtures/kube.ts';
import { tokenOf, watchCsp } from '../../fixtures/sign-in.ts';
import { EditorPage } from '../../pages/editor-page.ts';
import { ListPage } from '../../pages/list-page.ts';
import { SignInPage } from '../../pages/sign-in-page.ts';

const violations: string[] = [];

/** Signs `page` in to the token console with `kubeconfig`'s token; resolves on the list. */
async function signIn(page: Page, base: string, kubeconfig: string) {
  await watchCsp(page, violations);
  await page.goto(base);
  await new SignInPage(page).signIn(tokenOf(kubeconfig));
  await new ListPage(page, base).waitLoaded();
}

test('two people on one resource: each gets the rights RBAC gives them, and the audit log says who did what', async ({
  page,
  browser,
  env,
  shot,
}) => {
  if (!env.kubernetes) throw new Error(`no Kubernetes target: ${env.kubernetesError ?? 'unknown'}`);
  const k = env.kubernetes;
  const kube = new Kube(k.kubeconfigs.admin);
  const name = `e2e-${runId}-two`;
  const configMap = configMapNameFor({ kind: 'Project', name });
  await kube.createResource(TOKEN_WRITABLE_NAMESPACE, projectDoc(name));
  // The viewer's own browser: its own cookies, so its own session.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  try {
    await signIn(page, k.token, k.kubeconfigs.editor);
    await signIn(viewer, k.token, k.kubeconfigs.viewer);
    await expect(new SignInPage(viewer).session).toHaveAccessibleName(
      'Signed in as viewer (token)',
    );
    await expect(new SignInPage(page).session).toHaveAccessibleName('Signed in as editor (token)');
    const found = await page.request.get(`${k.token}${API.resources}?q=${name}`);
    const id = ListResourcesResponse.parse(await found.json()).items[0]?.id ?? '';
    expect(id).not.toBe('');
    const detailUrl = `${k.token}/resources/${encodeURIComponent(id)}`;

    // The viewer: the same resource, read-only, with the reason.
    await viewer.goto(detailUrl);
    const asViewer = new EditorPage(viewer);
    await asViewer.waitReady();
    await expect(asViewer.save).toBeDisabled();
    await expect(asViewer.save).toHaveAccessibleName(/viewer may not update ConfigMaps in team-a/);
    await expect(asViewer.deleteButton).toBeDisabled();
    await shot('two-people-viewer-read-only', viewer);

    // The editor: may change it, and does.
    await page.goto(detailUrl);
    const asEditor = new EditorPage(page);
    await asEditor.waitReady();
    // Nothing to save yet, but nothing refused either: the only reason is that nothing changed.
    await expect(asEditor.save).toHaveAccessibleName(/^Save \(disabled: No changes to save/);
    await expect(asEditor.deleteButton).toBeEnabled();
    await asEditor.setText(
      json({ ...projectDoc(name), spec: { display: { name: 'Changed by the editor' } } }),
    );
    await expect(asEditor.save).toBeEnabled();
    await asEditor.pressSave();
    // Through the ConfigMap only: the audit below holds exactly the two people's writes.
    await asEditor.confirmSave({ applyNow: false });
    await expect(asEditor.toast('Saved')).toBeVisible();
    const cm = await kube.get(TOKEN_WRITABLE_NAMESPACE, configMap);
    expect(JSON.stringify(cm?.data)).toContain('Changed by the editor');
    expect(cm?.metadata?.annotations?.['perses-cm.dev/last-applied-by']).toBe('perses-cm (editor)');

    // The viewer goes around the disabled button: Kubernetes refuses, as the viewer.
    const current = ResourceDetail.parse(
      await (await viewer.request.get(`${k.token}${API.resource(id)}`)).json(),
    );
    const forced = await viewer.request.put(`${k.token}${API.resource(id)}`, {
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: '1' },
      data: {
        text: json({ ...projectDoc(name), spec: { display: { name: 'Changed by the viewer' } } }),
        format: 'json',
        version: current.version,
      },
    });
    expect(forced.status()).toBe(403);
    expect(ErrorBody.parse(await forced.json()).error.code).toBe('forbidden');
    expect(JSON.stringify((await kube.get(TOKEN_WRITABLE_NAMESPACE, configMap))?.data)).toContain(
      'Changed by the editor',
    );

    // Both writes are in the audit log, each under the person who made it.
    const audit = AuditResponse.parse(
      await (await viewer.request.get(`${k.token}${API.audit}`)).json(),
    ).entries.filter((e) => e.name === name);
    expect(audit.map((e) => [e.user, e.source, e.action, e.result, e.error?.code])).toEqual([
      ['viewer', 'token', 'update', 'error', 'forbidden'],
      ['editor', 'token', 'update', 'ok', undefined],
    ]);
    await viewer.getByRole('link', { name: 'Audit log' }).click();
    const rows = viewer.getByRole('row').filter({ hasText: name });
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('viewer (token)');
    await expect(rows.nth(0)).toContainText('forbidden');
    await expect(rows.nth(1)).toContainText('editor (token)');
    await expect(rows.nth(1)).toContainText('ok');
    await shot('two-people-audit-log', viewer);
    expect(violations).toEqual([]);
  } finally {
    await viewerContext.close();
    await kube.delete(TOKEN_WRITABLE_NAMESPACE, configMap);
  }
});
