// Pins the k8s-sidecar 2.10.1 behaviours the console relies on, against the real kube-apiserver.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { SidecarSettings } from '../config.ts';
import { waitFor } from '../proc.ts';
import { mtimeMs, waitForFile, waitForNoFile } from '../testing/fs.ts';
import { configMap, coreApi, uniq } from '../testing/kube.ts';
import type { Level } from './log.ts';
import { startSidecar, type RunningSidecar } from './sidecar.ts';

const stack = inject('stack');
const core = coreApi(stack.kubeconfigs.admin);
const running: RunningSidecar[] = [];
const folders: string[] = [];

interface Harness {
  folder: string;
  label: string;
  logs: string[];
  sidecar: RunningSidecar;
}

/** A sidecar on its own label and folder, so tests never see each other's ConfigMaps. */
async function harness(overrides: Partial<SidecarSettings> = {}): Promise<Harness> {
  const folder = mkdtempSync(join(tmpdir(), 'sidecar-test-'));
  folders.push(folder);
  const label = overrides.label ?? `test.perses-cm/${uniq('l')}`;
  const logs: string[] = [];
  const sidecar = await startSidecar(
    {
      label,
      labelValue: undefined,
      folder,
      folderAnnotation: 'k8s-sidecar-target-directory',
      namespaces: 'ALL',
      uniqueFilenames: false,
      watchServerTimeoutSeconds: 60,
      healthPort: 0,
      kubeconfig: stack.kubeconfigs.admin,
      ...overrides,
    },
    (level: Level, msg: string) => logs.push(`${level} ${msg}`),
  );
  running.push(sidecar);
  return { folder, label, logs, sidecar };
}

async function create(
  ns: string,
  name: string,
  parts: Parameters<typeof configMap>[2],
): Promise<void> {
  await core.createNamespacedConfigMap({ namespace: ns, body: configMap(ns, name, parts) });
}

async function health(s: RunningSidecar): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${s.healthPort}/healthz`);
  return { status: res.status, body: await res.text() };
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

describe('sidecar', () => {
  it('writes only ConfigMaps whose label has LABEL_VALUE, and reports ready on /healthz', async () => {
    const label = `test.perses-cm/${uniq('v')}`;
    await create('team-a', uniq('match'), {
      labels: { [label]: 'yes' },
      data: { 'match.json': '{}' },
    });
    await create('team-a', uniq('other'), {
      labels: { [label]: 'no' },
      data: { 'other.json': '{}' },
    });
    const h = await harness({ label, labelValue: 'yes' });
    await h.sidecar.ready;
    expect(readFileSync(join(h.folder, 'match.json'), 'utf8')).toBe('{}');
    expect(() => readFileSync(join(h.folder, 'other.json'))).toThrow(/ENOENT/);
    expect(await health(h.sidecar)).toEqual({ status: 200, body: 'OK' });
    expect(h.logs).toContain(`INFO Writing ${join(h.folder, 'match.json')} (ascii)`);
    expect(h.logs).toContain('INFO Initial sync complete, sidecar is ready.');
  });

  it('answers 503 on /healthz while it cannot reach Kubernetes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sidecar-kc-'));
    folders.push(dir);
    const kubeconfig = join(dir, 'kubeconfig');
    // Same cluster entry, pointing at a port nothing listens on.
    const text = readFileSync(stack.kubeconfigs.admin, 'utf8').replace(
      /server: .*/,
      'server: https://127.0.0.1:1',
    );
    writeFileSync(kubeconfig, text);
    const h = await harness({ kubeconfig });
    await waitFor('an ApiException log line', async () =>
      h.logs.some((l) => l.includes('ApiException')) ? true : undefined,
    );
    expect((await health(h.sidecar)).status).toBe(503);
  });

  it('watches a namespace list, or ALL', async () => {
    const label = `test.perses-cm/${uniq('ns')}`;
    for (const ns of ['perses', 'team-a', 'team-b']) {
      await create(ns, uniq('cm'), { labels: { [label]: '1' }, data: { [`${ns}.json`]: ns } });
    }
    const listed = await harness({ label, namespaces: ['team-a', 'team-b'] });
    const all = await harness({ label, namespaces: 'ALL' });
    await Promise.all([listed.sidecar.ready, all.sidecar.ready]);
    const exists = (h: Harness, ns: string) => {
      try {
        return readFileSync(join(h.folder, `${ns}.json`), 'utf8') === ns;
      } catch {
        return false;
      }
    };
    expect(['perses', 'team-a', 'team-b'].map((ns) => exists(listed, ns))).toEqual([
      false,
      true,
      true,
    ]);
    expect(['perses', 'team-a', 'team-b'].map((ns) => exists(all, ns))).toEqual([true, true, true]);
  });

  it('honours the folder annotation (relative joins FOLDER, absolute is used as is)', async () => {
    const h = await harness();
    const absolute = mkdtempSync(join(tmpdir(), 'sidecar-abs-'));
    folders.push(absolute);
    const annotation = 'k8s-sidecar-target-directory';
    await create('team-a', uniq('rel'), {
      labels: { [h.label]: '1' },
      annotations: { [annotation]: 'sub/dir' },
      data: { 'rel.json': 'r' },
    });
    await create('team-a', uniq('abs'), {
      labels: { [h.label]: '1' },
      annotations: { [annotation]: absolute },
      data: { 'abs.json': 'a' },
    });
    await waitForFile(join(h.folder, 'sub', 'dir', 'rel.json'), 'r');
    await waitForFile(join(absolute, 'abs.json'), 'a');
  });

  it('names files namespace_<ns>.configmap_<name>.<key> with UNIQUE_FILENAMES', async () => {
    const h = await harness({ uniqueFilenames: true });
    const name = uniq('uniq');
    await create('team-b', name, { labels: { [h.label]: '1' }, data: { 'dash.json': 'd' } });
    await waitForFile(join(h.folder, `namespace_team-b.configmap_${name}.dash.json`), 'd');
  });

  it('rewrites a file only when its content changes, also across re-lists', async () => {
    const h = await harness({ watchServerTimeoutSeconds: 1 });
    const name = uniq('mtime');
    await create('team-a', name, {
      labels: { [h.label]: '1' },
      data: { 'same.json': 's', 'changing.json': '1' },
    });
    const same = join(h.folder, 'same.json');
    await waitForFile(same, 's');
    const before = mtimeMs(same);
    const cm = await core.readNamespacedConfigMap({ namespace: 'team-a', name });
    cm.data = { ...cm.data, 'changing.json': '2' };
    await core.replaceNamespacedConfigMap({ namespace: 'team-a', name, body: cm });
    await waitForFile(join(h.folder, 'changing.json'), '2');
    // Let the 1 s watch expire a few times: each expiry re-lists every ConfigMap.
    const lists = () => h.logs.filter((l) => l.startsWith('DEBUG Listing')).length;
    const start = lists();
    await waitFor('three re-lists', async () => (lists() >= start + 3 ? true : undefined), {
      timeoutMs: 30_000,
    });
    expect(mtimeMs(same)).toBe(before);
    expect(h.logs.filter((l) => l === `INFO Writing ${same} (ascii)`)).toHaveLength(1);
  });

  it('removes files on ConfigMap delete, label removal and key removal', async () => {
    const h = await harness();
    const [a, b, c] = [uniq('del'), uniq('unlabel'), uniq('key')];
    await create('team-a', a, { labels: { [h.label]: '1' }, data: { 'a.json': 'a' } });
    await create('team-a', b, { labels: { [h.label]: '1' }, data: { 'b.json': 'b' } });
    await create('team-a', c, {
      labels: { [h.label]: '1' },
      data: { 'c1.json': '1', 'c2.json': '2' },
    });
    await Promise.all(
      ['a.json', 'b.json', 'c1.json', 'c2.json'].map((f) => waitForFile(join(h.folder, f))),
    );

    await core.deleteNamespacedConfigMap({ namespace: 'team-a', name: a });
    await waitForNoFile(join(h.folder, 'a.json'));
    expect(h.logs).toContain(`INFO Removing ${join(h.folder, 'a.json')}`);

    const cmB = await core.readNamespacedConfigMap({ namespace: 'team-a', name: b });
    delete cmB.metadata?.labels?.[h.label];
    await core.replaceNamespacedConfigMap({ namespace: 'team-a', name: b, body: cmB });
    await waitForNoFile(join(h.folder, 'b.json'));

    const cmC = await core.readNamespacedConfigMap({ namespace: 'team-a', name: c });
    delete cmC.data?.['c2.json'];
    await core.replaceNamespacedConfigMap({ namespace: 'team-a', name: c, body: cmC });
    await waitForNoFile(join(h.folder, 'c2.json'));
    expect(readFileSync(join(h.folder, 'c1.json'), 'utf8')).toBe('1');
  });

  it('lets two ConfigMaps with the same key overwrite one file, and deleting either removes it', async () => {
    const h = await harness();
    const [first, second] = [uniq('first'), uniq('second')];
    const shared = join(h.folder, 'shared.json');
    await create('team-a', first, { labels: { [h.label]: '1' }, data: { 'shared.json': 'one' } });
    await waitForFile(shared, 'one');
    await create('team-b', second, { labels: { [h.label]: '1' }, data: { 'shared.json': 'two' } });
    await waitForFile(shared, 'two');
    await core.deleteNamespacedConfigMap({ namespace: 'team-b', name: second });
    await waitForNoFile(shared);
    // The first ConfigMap still holds the key, yet its file stays gone until it changes.
    await core.readNamespacedConfigMap({ namespace: 'team-a', name: first });
    expect(h.logs.filter((l) => l === `INFO Removing ${shared}`)).toHaveLength(1);
  });

  it('decodes binaryData', async () => {
    const h = await harness();
    const bytes = Buffer.from([0, 1, 2, 254, 255]);
    await create('team-a', uniq('bin'), {
      labels: { [h.label]: '1' },
      binaryData: { 'blob.bin': bytes.toString('base64') },
    });
    await waitForFile(join(h.folder, 'blob.bin'), bytes);
    expect(h.logs).toContain(`INFO Writing ${join(h.folder, 'blob.bin')} (binary)`);
  });
});
