// Store over a Helm chart directory: every resource file under files/, versions are content
// hashes, writes are atomic (temporary file, then rename or link), and external edits are picked
// up by a file watcher plus a slow poll (fs.watch misses events on some file systems).
import { watch, type FSWatcher } from 'node:fs';
import { link, lstat, mkdir, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { SourceError, Target } from '@perses-cm/api';
import { AppError, toSourceError } from '../../domain/errors.ts';
import type { Identity } from '../../domain/identity.ts';
import { chartFilePath } from '../../domain/model.ts';
import type {
  Container,
  CreateInput,
  EntryRef,
  ResourceStore,
  StoreChange,
  StoreStatus,
} from '../store.ts';
import { KeyedMutex } from '../../domain/keyed-mutex.ts';
import { resolveInside, staysInside } from './paths.ts';
import { readOne, scanFiles, type ScannedFile } from './scan.ts';

export interface DirectoryStoreOptions {
  pollMs?: number;
}

export class DirectoryStore implements ResourceStore {
  readonly target: Target;
  /** Every file under files/ is read: there is no label to lack. */
  readonly unlabeled = null;
  private files = new Map<string, ScannedFile>();
  private listeners = new Set<(c: StoreChange) => void>();
  private state: StoreStatus = { synced: false, stale: null, errors: [] };
  private realRoot = '';
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private rescanQueued = false;
  private mutex = new KeyedMutex();
  /** Counts this store's own writes; a scan that overlapped one is outdated and redone. */
  private writes = 0;

  constructor(
    private readonly root: string,
    private readonly options: DirectoryStoreOptions = {},
  ) {
    this.target = { type: 'directory', path: root };
  }

  async start(): Promise<void> {
    this.realRoot = await realpath(this.root).catch(() => {
      throw new AppError('not_found', `chart directory ${this.root} does not exist`);
    });
    await this.rescan();
    this.state.synced = true;
    try {
      this.watcher = watch(this.root, { recursive: true }, () => this.scheduleRescan());
      this.watcher.on('error', () => this.watcher?.close());
    } catch {
      this.watcher = null; // polling below still notices changes
    }
    this.timer = setInterval(() => void this.rescan(), this.options.pollMs ?? 2000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.watcher?.close();
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    await this.scanning;
  }

  status(): StoreStatus {
    return this.state;
  }

  *containers(): Iterable<Container> {
    for (const f of this.files.values()) yield this.toContainer(f);
  }

  container(key: string): Container | undefined {
    const f = key.startsWith('file:') ? this.files.get(key.slice(5)) : undefined;
    return f ? this.toContainer(f) : undefined;
  }

  subscribe(listener: (c: StoreChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  writableNamespaces(): string[] | 'any' {
    return [];
  }

  async create(_who: Identity, input: CreateInput): Promise<Container> {
    const placed = chartFilePath(input.identity, input.format);
    if (!placed.ok) {
      const { field, message, rule } = placed.problem;
      throw new AppError('bad_request', message, { fields: [{ field, message: rule }] });
    }
    const rel = placed.path;
    const abs = resolveInside(this.root, rel);
    return this.mutex.run(rel, async () => {
      await mkdir(path.dirname(abs), { recursive: true });
      await this.assertInside(path.dirname(abs));
      const tmp = await this.writeTemp(abs, input.text);
      try {
        // link() refuses to replace an existing file, so a concurrent create cannot clobber it.
        await link(tmp, abs);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new AppError('already_exists', `file ${rel} already exists`);
        }
        throw err;
      } finally {
        await unlink(tmp).catch(() => undefined);
      }
      return this.refreshOne(rel);
    });
  }

  async update(_who: Identity, ref: EntryRef, text: string, expected: string): Promise<Container> {
    const rel = this.fileRef(ref);
    const abs = resolveInside(this.root, rel);
    return this.mutex.run(rel, async () => {
      await this.checkCurrent(rel, abs, expected);
      const tmp = await this.writeTemp(abs, text);
      await rename(tmp, abs).catch(async (err: unknown) => {
        await unlink(tmp).catch(() => undefined);
        throw err;
      });
      return this.refreshOne(rel);
    });
  }

  async delete(_who: Identity, ref: EntryRef, expected: string): Promise<void> {
    const rel = this.fileRef(ref);
    const abs = resolveInside(this.root, rel);
    await this.mutex.run(rel, async () => {
      await this.checkCurrent(rel, abs, expected);
      await unlink(abs);
      this.writes++;
      if (this.files.delete(rel)) this.emit({ type: 'remove', containerKey: `file:${rel}` });
    });
  }

  /** Re-reads the tree now; concurrent calls share one scan and queue at most one more. */
  rescan(): Promise<void> {
    if (this.scanning) {
      this.rescanQueued = true;
      return this.scanning;
    }
    this.scanning = this.doScan().finally(() => {
      this.scanning = null;
      if (this.rescanQueued) {
        this.rescanQueued = false;
        void this.rescan();
      }
    });
    return this.scanning;
  }

  private async doScan(): Promise<void> {
    let next: Map<string, ScannedFile>;
    const writesBefore = this.writes;
    const problems: SourceError[] = [];
    try {
      next = await scanFiles(this.root, this.realRoot, this.files, problems);
    } catch (err) {
      const reason = `cannot read ${this.root}: ${(err as Error).message}`;
      if (this.state.stale === null) this.emit({ type: 'stale', reason });
      this.state = { ...this.state, stale: reason, errors: [toSourceError(this.root, err)] };
      return;
    }
    if (this.writes !== writesBefore) {
      // The listing may predate a file we just wrote or deleted: trust the write, look again.
      this.rescanQueued = true;
      return;
    }
    const wasStale = this.state.stale !== null;
    this.state = { ...this.state, stale: null, errors: problems };
    if (wasStale) this.emit({ type: 'recovered' });
    const before = this.files;
    this.files = next;
    for (const [rel, f] of next) {
      if (before.get(rel)?.hash !== f.hash)
        this.emit({ type: 'put', container: this.toContainer(f) });
    }
    for (const rel of before.keys()) {
      if (!next.has(rel)) this.emit({ type: 'remove', containerKey: `file:${rel}` });
    }
  }

  private scheduleRescan(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.rescan(), 40);
  }

  private async refreshOne(rel: string): Promise<Container> {
    this.writes++;
    const f = await readOne(this.root, rel);
    if (!f) throw new AppError('internal', `file ${rel} vanished right after it was written`);
    const changed = this.files.get(rel)?.hash !== f.hash;
    this.files.set(rel, f);
    const container = this.toContainer(f);
    if (changed) this.emit({ type: 'put', container });
    return container;
  }

  private async checkCurrent(rel: string, abs: string, expected: string): Promise<void> {
    const s = await lstat(abs).catch(() => null);
    if (!s) throw new AppError('not_found', `file ${rel} no longer exists`);
    if (!s.isFile()) throw new AppError('bad_request', `${rel} is not a regular file`);
    const current = await readOne(this.root, rel);
    if (current && current.hash !== this.files.get(rel)?.hash) {
      this.files.set(rel, current);
      this.emit({ type: 'put', container: this.toContainer(current) });
    }
    if (!current || current.hash !== expected) {
      throw new AppError('conflict', `file ${rel} changed since version ${expected}`);
    }
  }

  private async writeTemp(abs: string, text: string): Promise<string> {
    const tmp = path.join(
      path.dirname(abs),
      `.${path.basename(abs)}.${randomBytes(6).toString('hex')}.tmp`,
    );
    await writeFile(tmp, text, { encoding: 'utf8', flag: 'wx', mode: 0o644 });
    return tmp;
  }

  private async assertInside(dir: string): Promise<void> {
    if (!(await staysInside(this.realRoot, dir))) {
      throw new AppError('bad_request', 'the target folder is a link out of the chart directory');
    }
  }

  private fileRef(ref: EntryRef): string {
    if (ref.type !== 'file') throw new AppError('bad_request', 'not a file of this chart');
    const f = this.files.get(ref.path);
    if (f?.symlink)
      throw new AppError('bad_request', `${ref.path} is a symbolic link; edit its target`);
    return ref.path;
  }

  private toContainer(f: ScannedFile): Container {
    return {
      key: `file:${f.rel}`,
      entries: [
        {
          ref: { type: 'file', path: f.rel },
          text: f.text,
          version: f.hash,
          origin: { type: 'file', path: f.rel },
          namespace: null,
          configMapName: null,
          key: path.posix.basename(f.rel),
          readOnly: f.symlink ? 'a symbolic link; edit the file it points to' : null,
        },
      ],
    };
  }

  private emit(change: StoreChange): void {
    for (const l of this.listeners) l(change);
  }
}
