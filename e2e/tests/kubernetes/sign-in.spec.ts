// Token sign-in on the real stack: the console reads as the viewer; a person signs in with the
// stack's `editor` token and acts as the editor (writes in team-a only). What RBAC refuses shows
// disabled with the reason; a session that ends while editing leads to sign-in and back with the
// draft kept; the token stays out of the page. No page breaks the Content-Security-Policy.
import { API, CSRF_HEADER, ListResourcesResponse } from '@perses-cm/api';
import { configMapNameFor } from '@perses-cm/resources';
import { expect, test } from '../../fixtures/test.ts';
import { createResource } from '../../fixtures/api.ts';
import { json, projectDoc, runId } from '../../fixtures/docs.ts';
import { TOKEN_WRITABLE_NAMESPACE } from '../../fixtures/global-setup.ts';
import { Kube } from '../../fixtures/kube.ts';
import { tokenOf, watchCsp } from '../../fixtures/sign-in.ts';
import { EditorPage } from '../../pages/editor-page.ts';
import { ListPage } from '../../pages/list-page.ts';
import { SignInPage } from '../../pages/sign-in-page.ts';

const violations: string[] = [];

test.beforeEach(async ({ env, page }) => {
  if (!env.kubernetes) throw new Error(`no Kubernetes target: ${env.kubernetesError ?? 'unknown'}`);
  violations.length = 0;
  await watchCsp(page, violations);
});
test.afterEach(() => expect(violations).toEqual([]));

test('signs in with a Kubernetes token; the header says who and how; the token stays out of the page', async ({
  page,
  context,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const token = tokenOf(k.kubeconfigs.editor);
  const signIn = new SignInPage(page);
  await page.goto(k.token);
  await signIn.waitShown();
  expect(new URL(page.url()).pathname).toBe('/sign-in');
  await signIn.signIn(`${token.slice(0, -4)}0000`);
  await expect(signIn.error).toHaveText(/does not accept this token/);
  await shot('token-sign-in-refused');

  await signIn.signIn(token);
  await new ListPage(page, k.token).waitLoaded();
  await expect(signIn.session).toHaveAccessibleName('Signed in as editor (token)');
  await expect(signIn.session).toContainText('editor');
  await shot('token-signed-in');

  const cookie = (await context.cookies()).find((c) => c.name === 'perses-cm-session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  const visible = await page.evaluate(() => [
    document.cookie,
    document.documentElement.outerHTML,
    JSON.stringify({ ...localStorage }),
    JSON.stringify({ ...sessionStorage }),
  ]);
  for (const text of visible) expect(text).not.toContain(token);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn.waitShown();
  expect((await context.cookies()).find((c) => c.name === 'perses-cm-session')).toBeUndefined();
});

test('what RBAC refuses the signed-in person shows disabled, with the reason', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  // In `perses`, which the editor may read but not change.
  const created = await createResource(k.admin, projectDoc(`e2e-${runId}-rbac`), k.namespace);
  await page.goto(`${k.token}/resources/${encodeURIComponent(created.id)}`);
  await new SignInPage(page).signIn(tokenOf(k.kubeconfigs.editor));
  const editor = new EditorPage(page);
  await editor.waitReady();
  await expect(editor.save).toBeDisabled();
  await expect(editor.save).toHaveAccessibleName(/editor may not update ConfigMaps in perses/);
  await expect(editor.deleteButton).toBeDisabled();
  await expect(editor.deleteButton).toHaveAccessibleDescription(/editor may not delete/);
  await shot('token-rbac-disabled');
});

test('a session that ends while editing leads to sign-in and back, the draft kept', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = new Kube(k.kubeconfigs.admin);
  const name = `e2e-${runId}-draft`;
  await kube.createResource(TOKEN_WRITABLE_NAMESPACE, projectDoc(name));
  const token = tokenOf(k.kubeconfigs.editor);
  try {
    await page.goto(k.token);
    await new SignInPage(page).signIn(token);
    await new ListPage(page, k.token).waitLoaded();
    const found = await page.request.get(`${k.token}/api/v1/resources?q=${name}`);
    const id = ListResourcesResponse.parse(await found.json()).items[0]?.id ?? '';
    expect(id).not.toBe('');

    await page.goto(`${k.token}/resources/${encodeURIComponent(id)}`);
    const editor = new EditorPage(page);
    await editor.waitReady();
    const edited = json({
      ...projectDoc(name),
      spec: { display: { name: 'Kept across sign-in' } },
    });
    // The edit is checked by the server once typing pauses: let that answer arrive while the
    // session lives, so the save below is the request that meets the ended session.
    const checked = page.waitForResponse(
      (r) => r.url().endsWith(API.validate) && !!r.request().postData()?.includes('Kept across'),
    );
    await editor.setText(edited);
    await checked;
    await expect
      .poll(() =>
        page.evaluate((key) => localStorage.getItem(key) !== null, `perses-cm:draft:${id}`),
      )
      .toBe(true);

    // The session ends on the server (signed out in another tab, or idle too long).
    const out = await page.request.delete(`${k.token}/api/v1/session`, {
      headers: { [CSRF_HEADER]: '1' },
    });
    expect(out.status()).toBe(204);
    // Opening the review asks the server (Perses's verdict, whether Perses takes writes): the
    // first answer meets the ended session.
    await editor.pressSave();

    const signIn = new SignInPage(page);
    await signIn.waitShown();
    expect(new URL(page.url()).searchParams.get('next')).toBe(
      `/resources/${encodeURIComponent(id)}`,
    );
    await shot('token-session-ended');
    await signIn.signIn(token);

    await editor.waitReady();
    await expect(
      page.getByRole('status').filter({ hasText: 'Restored your unsaved draft' }),
    ).toBeVisible();
    // Monaco renders spaces as no-break spaces.
    expect((await editor.text()).replace(/\u00a0/g, ' ')).toContain('Kept across sign-in');
    await shot('token-draft-restored');
    await editor.pressSave();
    await editor.confirmSave();
    await expect(editor.toast('Saved')).toBeVisible();
    const cm = await kube.get(
      TOKEN_WRITABLE_NAMESPACE,
      configMapNameFor({ kind: 'Project', name }),
    );
    expect(JSON.stringify(cm?.data)).toContain('Kept across sign-in');
    expect(cm?.metadata?.annotations?.['perses-cm.dev/last-applied-by']).toBe('perses-cm (editor)');

    await page.getByRole('link', { name: 'Audit log' }).click();
    const row = page.getByRole('row').filter({ hasText: name }).first();
    await expect(row).toContainText('editor');
    await expect(row).toContainText('(token)');
    await expect(row).toContainText('update');
    await expect(row).toContainText('ok');
    await shot('token-audit-log');
    // A phone: every link of the header stays on the screen (what does not fit goes to a second
    // row), and the log reads there too.
    await page.setViewportSize({ width: 390, height: 844 });
    for (const name of ['Resources', 'Settings', 'Audit log']) {
      const box = await page.getByRole('link', { name, exact: true }).boundingBox();
      expect(box && box.x + box.width, name).toBeLessThanOrEqual(390);
    }
    await expect(row).toBeVisible();
    await shot('token-audit-log-390');
  } finally {
    await kube.delete(TOKEN_WRITABLE_NAMESPACE, configMapNameFor({ kind: 'Project', name }));
  }
});
