import type { V1ConfigMap } from '@kubernetes/client-node';
import { configMapId, desiredFiles, type MappingOptions } from './desired.ts';
import { removeFile, writeIfChanged } from './files.ts';
import type { LogFn } from './log.ts';

/**
 * Applies ConfigMap events to the folder the way k8s-sidecar does: each
 * ConfigMap remembers the paths it wrote. There is no ownership between
 * ConfigMaps: two with the same key write the same file (last writer wins)
 * and deleting either one removes it.
 */
export class Syncer {
  private readonly written = new Map<string, Set<string>>();
  /** Events are applied one at a time, in arrival order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly opts: MappingOptions,
    private readonly log: LogFn,
  ) {}

  upsert(cm: V1ConfigMap): Promise<void> {
    return this.enqueue(() => this.applyUpsert(cm));
  }

  remove(cm: V1ConfigMap): Promise<void> {
    return this.enqueue(() => this.removeId(configMapId(cm)));
  }

  /** Reconciles with a full list: anything remembered but no longer listed was deleted meanwhile. */
  replaceAll(items: V1ConfigMap[], scope: (id: string) => boolean): Promise<void> {
    return this.enqueue(async () => {
      const listed = new Set(items.map(configMapId));
      for (const id of [...this.written.keys()]) {
        if (scope(id) && !listed.has(id)) await this.removeId(id);
      }
      for (const cm of items) await this.applyUpsert(cm);
    });
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task, task);
    this.queue = next.catch((err: unknown) => this.log('ERROR', `Sync failed: ${String(err)}`));
    return next;
  }

  private async applyUpsert(cm: V1ConfigMap): Promise<void> {
    const id = configMapId(cm);
    const files = desiredFiles(cm, this.opts);
    const paths = new Set(files.map((f) => f.path));
    for (const old of this.written.get(id) ?? []) {
      // A key removed from the ConfigMap (or moved by a new folder annotation).
      if (!paths.has(old) && (await removeFile(old))) this.log('INFO', `Removing ${old}`);
    }
    for (const f of files) {
      if (await writeIfChanged(f.path, f.content))
        this.log('INFO', `Writing ${f.path} (${f.encoding})`);
    }
    this.written.set(id, paths);
  }

  private async removeId(id: string): Promise<void> {
    for (const path of this.written.get(id) ?? []) {
      if (await removeFile(path)) this.log('INFO', `Removing ${path}`);
    }
    this.written.delete(id);
  }
}
