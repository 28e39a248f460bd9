// The provisioning status on the real stack: badges in the list, the pipeline panel, the overview
// with its lag chart and orphan cleanup, and the header when Perses cannot be reached.
import { join } from 'node:path';
import { freePort } from '@perses-cm/stack';
import { configMapNameFor } from '@perses-cm/resources';
import { persesGet } from '@perses-cm/stack/testing';
import { expect, test } from '../../fixtures/test.ts';
import { createResource, findResource, getResource, renameFirstPanel } from '../../fixtures/api.ts';
import { dashboardDoc, projectDoc, runId } from '../../fixtures/docs.ts';
import { e2eEnv } from '../../fixtures/env.ts';
import { Kube } from '../../fixtures/kube.ts';
import { repoRoot, startServer } from '../../fixtures/servers.ts';
import { EditorPage } from '../../pages/editor-page.ts';
import { ListPage } from '../../pages/list-page.ts';
import { OverviewPage, PipelinePanel } from '../../pages/status-pages.ts';

// Names carry the run id: the global teardown removes them from a reused stack.
const PROJECT = `e2e-${runId}-st`;
const MISSING = `e2e-${runId}-none`;
// Perses provisions every 3 s on the stack; a loaded machine stretches a change's way there.
const SERVED_WITHIN = 90_000;

test.describe.configure({ mode: 'serial' });
test.setTimeout(240_000);

test.beforeEach(({ env }) => {
  if (!env.kubernetes) throw new Error(`no Kubernetes target: ${env.kubernetesError ?? 'unknown'}`);
});

async function served(base: string, name: string) {
  await expect
    .poll(async () => (await findResource(base, 'Dashboard', name)).status?.state, {
      timeout: SERVED_WITHIN,
    })
    .toBe('synced');
}

/** "850 ms", "2.4s", "42s", "3m10s" as milliseconds. */
function durationShownMs(text: string): number {
  const ms = /^(\d+) ms$/.exec(text);
  if (ms) return Number(ms[1]);
  const m = /^(?:(\d+)m)?(?:([\d.]+)s)?$/.exec(text);
  if (!m || (!m[1] && !m[2])) throw new Error(`not a duration: ${text}`);
  return (Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 1000;
}

test.beforeAll(async () => {
  const k = e2eEnv().kubernetes;
  if (!k) return;
  await createResource(k.admin, projectDoc(PROJECT), k.namespace);
  await createResource(k.admin, dashboardDoc(PROJECT, 'st-ok'), k.namespace);
  await createResource(k.admin, dashboardDoc(MISSING, 'st-lost'), k.namespace);
});

test('the list shows each status as a badge, filters by status in the URL, and follows changes live', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const list = new ListPage(page, k.admin);
  // Both ConfigMap names hold the run id (they carry the project's name).
  await list.goto(`?group=none&q=e2e-${runId}-`);
  await expect(list.status('Dashboard', 'st-ok', PROJECT)).toHaveText(/Synced/, {
    timeout: SERVED_WITHIN,
  });
  const lost = list.status('Dashboard', 'st-lost', MISSING);
  await expect(lost).toHaveText(/Rejected/, { timeout: SERVED_WITHIN });
  // First the console's own finding (no such project in Perses), then Perses's words from its log.
  await expect(lost).toHaveAttribute('title', new RegExp(`project "${MISSING}" doesn't exist`), {
    timeout: SERVED_WITHIN,
  });
  await shot('status-list-1440');

  await list.statusFilter.selectOption({ label: 'Rejected' });
  await expect(page).toHaveURL(/[?&]status=rejected(&|$)/);
  await expect(list.row('Dashboard', 'st-ok', PROJECT)).toBeHidden();
  await expect(list.row('Dashboard', 'st-lost', MISSING)).toBeVisible();
  await list.statusFilter.selectOption({ label: 'Any' });
  await expect(page).not.toHaveURL(/status=/);

  // A dashboard created behind the console's back gets its row and then its status, live.
  const kube = new Kube(k.kubeconfigs.admin);
  await kube.createResource(k.namespace, dashboardDoc(PROJECT, 'st-live'));
  await expect(list.row('Dashboard', 'st-live', PROJECT)).toBeVisible();
  await expect(list.status('Dashboard', 'st-live', PROJECT)).toHaveText(/Synced/, {
    timeout: SERVED_WITHIN,
  });

  await page.setViewportSize({ width: 390, height: 844 });
  await shot('status-list-390');
});

test('the pipeline panel shows the way to Perses with times, the reason of a refusal, and a link to Perses', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const ok = await findResource(k.admin, 'Dashboard', 'st-ok');
  await page.goto(`${k.admin}/resources/${encodeURIComponent(ok.id)}`);
  const panel = new PipelinePanel(page);
  await expect(panel.badge).toHaveText(/Synced/, { timeout: SERVED_WITHIN });
  await expect(panel.root).toContainText(/reached Perses .+ after the change/);
  await expect(panel.step('configmap')).toContainText('ConfigMap changed');
  await expect(panel.step('file')).toContainText('File written');
  await expect(panel.step('file')).toContainText('the sidecar wrote');
  await expect(panel.step('perses')).toContainText('Perses serving since');
  for (const step of ['configmap', 'file', 'perses'] as const) {
    await expect(panel.step(step).locator('time')).toHaveAttribute('datetime', /^\d{4}-/);
  }
  await expect(panel.openInPerses).toHaveAttribute(
    'href',
    `${k.persesUrl}/projects/${PROJECT}/dashboards/st-ok`,
  );
  await shot('status-pipeline-synced-1440');

  // An edit saved here goes Pending, with the time Perses is expected to serve it, then Synced
  // with the lag the console measured. The states are recorded as the page shows them.
  await panel.recordStates();
  const editor = new EditorPage(page);
  await editor.waitReady();
  const before = await getResource(k.admin, ok.id);
  const t0 = Date.now();
  await editor.setText(renameFirstPanel(before.text, 'Error rate'));
  await editor.pressSave();
  // Through provisioning, not apply now: the way a change takes without a direct write.
  await editor.confirmSave({ applyNow: false });
  // The badge says Synced before the save too: wait for Synced after Pending.
  let seen: { badge: string; line: string }[] = [];
  await expect
    .poll(
      async () => {
        seen = await panel.recordedStates();
        const pending = seen.findIndex((s) => s.badge.includes('Pending'));
        return pending >= 0 && seen.slice(pending + 1).some((s) => s.badge.includes('Synced'));
      },
      { timeout: SERVED_WITHIN, message: 'Pending, then Synced' },
    )
    .toBe(true);
  const pendingLines = seen.filter((s) => s.badge.includes('Pending')).map((s) => s.line);
  expect(pendingLines, `states shown: ${JSON.stringify(seen)}`).toContainEqual(
    expect.stringMatching(/^expected (in about \S+|now|\S+ ago)$/),
  );
  await expect(panel.badge).toHaveText(/Synced/);
  const status = (await findResource(k.admin, 'Dashboard', 'st-ok')).status;
  expect(Date.parse(status?.changedAt ?? '')).toBeGreaterThanOrEqual(t0 - 1000);
  const lagMs = status?.lagMs ?? null;
  expect(lagMs).not.toBeNull();
  const shown = /^reached Perses (.+) after the change$/.exec(await panel.when.innerText());
  expect(shown, 'the lag is shown').not.toBeNull();
  // The lag shown is the one measured, as rounded for reading ("850 ms", "2.4s", "42s").
  expect(Math.abs(durationShownMs(shown?.[1] ?? '') - (lagMs ?? 0))).toBeLessThanOrEqual(
    lagMs! < 10_000 ? 50 : 500,
  );
  await shot('status-pipeline-edited-1440');

  const lost = await findResource(k.admin, 'Dashboard', 'st-lost');
  await page.goto(`${k.admin}/resources/${encodeURIComponent(lost.id)}`);
  await expect(panel.badge).toHaveText(/Rejected/, { timeout: SERVED_WITHIN });
  await expect(panel.root).toContainText(`project "${MISSING}" doesn't exist`, {
    timeout: SERVED_WITHIN,
  });
  await expect(panel.step('perses')).toContainText('Perses refused');
  await expect(panel.root.getByText('What to check, in order:')).toBeVisible();
  await expect(panel.openInPerses).toBeHidden();
  await shot('status-pipeline-rejected-1440');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(panel.badge).toBeVisible();
  await shot('status-pipeline-rejected-390');
});

test('the overview counts statuses, says the worst case, draws the lag, and cleans up an orphan after confirmation', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  const kube = new Kube(k.kubeconfigs.admin);
  const created = await createResource(k.admin, dashboardDoc(PROJECT, 'st-orphan'), k.namespace);
  await served(k.admin, 'st-orphan');
  // The ConfigMap goes; Perses keeps the dashboard (provisioning never deletes).
  await kube.delete(
    k.namespace,
    configMapNameFor({ kind: 'Dashboard', project: PROJECT, name: 'st-orphan' }),
  );
  expect(created.origin.type).toBe('configmap');

  const overview = new OverviewPage(page, k.admin);
  await overview.goto();
  await expect(overview.expectation).toHaveText(
    /^interval 3s: a change reaches Perses within about /,
  );
  await expect(overview.count('Synced')).not.toHaveAccessibleName('Synced: 0');
  await expect(overview.count('Rejected')).not.toHaveAccessibleName('Rejected: 0');
  await expect(overview.perses).toContainText('Connected');
  await expect(overview.perses).toContainText(`Given by URL: --perses-url ${k.persesUrl}`);
  await expect(overview.chart).toBeVisible();
  await expect(overview.lag.getByRole('img')).toHaveAttribute(
    'aria-label',
    /^Sync lag of the last \d+ change/,
  );

  await shot('status-overview-top-1440');

  const orphan = overview.orphan('Dashboard', PROJECT, 'st-orphan');
  await expect(orphan).toBeVisible({ timeout: SERVED_WITHIN });
  await orphan.scrollIntoViewIfNeeded();
  await shot('status-overview-1440');
  await orphan
    .getByRole('button', { name: `Delete Dashboard "${PROJECT}/st-orphan" from Perses` })
    .click();
  const dialog = page.getByRole('dialog', {
    name: `Delete Dashboard "${PROJECT}/st-orphan" from Perses?`,
  });
  const confirm = dialog.getByRole('button', { name: 'Delete from Perses' });
  await expect(confirm).toBeDisabled();
  await dialog
    .getByRole('textbox', { name: 'Name to confirm the deletion from Perses' })
    .fill('st-orphan');
  await confirm.click();
  await expect(orphan).toBeHidden();
  const inPerses = await persesGet(k.persesUrl, `/api/v1/projects/${PROJECT}/dashboards/st-orphan`);
  expect(inPerses.status).toBe(404);

  await page.setViewportSize({ width: 390, height: 844 });
  await overview.lag.scrollIntoViewIfNeeded();
  await expect(overview.chart).toBeVisible();
  await shot('status-overview-390');
});

test('the header says when Perses cannot be reached, and statuses are Unknown', async ({
  page,
  env,
  shot,
}) => {
  const k = env.kubernetes!;
  // A console whose Perses does not answer: nothing listens on that port.
  const nowhere = `http://127.0.0.1:${await freePort()}`;
  const server = await startServer(
    'no-perses',
    ['--kubeconfig', k.kubeconfigs.admin, '--namespaces', k.namespace, '--perses-url', nowhere],
    join(repoRoot, 'e2e/test-results/logs'),
  );
  try {
    const list = new ListPage(page, server.url);
    await list.goto(`?group=none&q=e2e-${runId}-`);
    const indicator = page.getByRole('status', { name: 'Perses unreachable' });
    await expect(indicator).toBeVisible();
    await expect(list.status('Dashboard', 'st-ok', PROJECT)).toHaveText(/Unknown/);
    // Editing does not depend on Perses.
    await expect(page.getByRole('link', { name: 'New resource' })).toBeVisible();
    await shot('status-perses-unreachable-1440');
    await indicator.click();
    await expect(
      page.getByRole('alert').filter({ hasText: 'Perses is unreachable.' }),
    ).toBeVisible();
    await expect(new OverviewPage(page, server.url).perses).toContainText('Unreachable');
  } finally {
    await server.stop();
  }
});
