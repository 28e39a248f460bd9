// The chart-directory store on its own: layouts, symbolic links, atomic writes, outages.
import { mkdir, mkdtemp, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Identity } from '../../domain/identity.ts';
import { eventually } from '../../testing/sse.ts';
import { projectText } from '../../testing/documents.ts';
import type { StoreChange } from '../store.ts';
import { DirectoryStore } from './directory-store.ts';

const me: Identity = { name: 'me', groups: [], source: 'directory' };
let base: string;
let root: string;
let store: DirectoryStore;
let changes: StoreChange[];

beforeEach(async () => {
  base = await mkdtemp(path.join(tmpdir(), 'perses-cm-dir-'));
  root = path.join(base, 'chart');
  await mkdir(path.join(root, 'files/any/deep/layout'), { recursive: true });
  await writeFile(
    path.join(root, 'files/any/deep/layout/p.yaml'),
    'kind: Project\nmetadata:\n  name: p\nspec: {}\n',
  );
  await writeFile(path.join(root, 'files/top.json'), projectText('top'));
  await writeFile(path.join(root, 'files/notes.txt'), 'not a resource');
  await writeFile(path.join(root, 'files/.hidden.json'), projectText('hidden'));
  store = new DirectoryStore(root, { pollMs: 100 });
  changes = [];
  store.subscribe((c) => changes.push(c));
});
afterEach(async () => {
  await store.stop();
  await rm(base, { recursive: true, force: true });
});

const paths = () =>
  [...store.containers()]
    .map((c) => c.entries[0]?.ref)
    .map((r) => (r?.type === 'file' ? r.path : ''))
    .sort();

describe('DirectoryStore', () => {
  it('reads .json/.yaml/.yml files in any layout and skips others and dotfiles', async () => {
    await store.start();
    expect(paths()).toEqual(['files/any/deep/layout/p.yaml', 'files/top.json']);
  });

  it('follows symbolic links inside the chart, never out of it, and does not write through them', async () => {
    const outside = path.join(base, 'outside');
    await mkdir(outside);
    await writeFile(path.join(outside, 'secret.json'), projectText('secret'));
    await symlink(outside, path.join(root, 'files/out'));
    await symlink(path.join(outside, 'secret.json'), path.join(root, 'files/secret.json'));
    await symlink(path.join(root, 'files/top.json'), path.join(root, 'files/alias.json'));
    await store.start();
    expect(paths()).toEqual(['files/alias.json', 'files/any/deep/layout/p.yaml', 'files/top.json']);
    const alias = store.container('file:files/alias.json')?.entries[0];
    expect(alias?.readOnly).toMatch(/symbolic link/);
    await expect(
      store.update(
        me,
        { type: 'file', path: 'files/alias.json' },
        projectText('x'),
        alias?.version ?? '',
      ),
    ).rejects.toThrow(/symbolic link/);
  });

  it('refuses to create through a linked folder that leaves the chart', async () => {
    const outside = path.join(base, 'outside');
    await mkdir(outside);
    await rm(path.join(root, 'files/any'), { recursive: true });
    await symlink(outside, path.join(root, 'files/projects'));
    await store.start();
    await expect(
      store.create(me, {
        document: {},
        text: projectText('q'),
        format: 'json',
        identity: { kind: 'Project', name: 'q' },
        namespace: null,
      }),
    ).rejects.toThrow(/link out of the chart/);
    expect(await readdir(outside)).toEqual([]);
  });

  it('refuses paths that leave files/', async () => {
    await store.start();
    for (const p of ['../Chart.yaml', 'files/../../x.json', '/etc/passwd', 'Chart.yaml']) {
      await expect(store.delete(me, { type: 'file', path: p }, 'v')).rejects.toThrow(
        /leaves|not under/,
      );
    }
  });

  it('leaves no temporary files behind and never replaces a file on create', async () => {
    await store.start();
    const input = {
      document: {},
      text: projectText('n'),
      format: 'json' as const,
      identity: { kind: 'Project' as const, name: 'n' },
      namespace: null,
    };
    const results = await Promise.allSettled([store.create(me, input), store.create(me, input)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await readdir(path.join(root, 'files/projects'))).toEqual(['n.json']);
  });

  it('reports stale while the chart directory is gone, then recovers without spurious deletes', async () => {
    await store.start();
    changes.length = 0;
    await rename(root, `${root}.moved`);
    await eventually(() => store.status().stale !== null, 3000, 'stale');
    await writeFile(path.join(`${root}.moved`, 'files/new.json'), projectText('new'));
    await rename(`${root}.moved`, root);
    await eventually(() => store.status().stale === null, 3000, 'recovered');
    const types = changes.map((c) => (c.type === 'put' ? `put:${c.container.key}` : c.type));
    expect(types).toEqual(['stale', 'recovered', 'put:file:files/new.json']);
  });
});

describe('DirectoryStore problems', () => {
  it('reports an unreadable file beside the list instead of dropping it silently', async () => {
    if (process.getuid?.() === 0) {
      // root reads everything: use a file too large to read instead.
      await writeFile(path.join(root, 'files/huge.json'), Buffer.alloc(8 * 1024 * 1024 + 1, 32));
    } else {
      await writeFile(path.join(root, 'files/locked.json'), projectText('locked'), { mode: 0o000 });
    }
    await store.start();
    expect(store.status().errors).toEqual([
      expect.objectContaining({ source: expect.stringMatching(/^files\/(huge|locked)\.json$/) }),
    ]);
  });
});
