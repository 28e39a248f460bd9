// Where the lag history survives a restart: in a cluster, a small ConfigMap the console owns
// (gzip in binaryData, never labeled for the sidecar, so Perses never sees it); on a chart
// directory, a file beside `files/` (never inside it). Written at a bounded rate by the monitor.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../../domain/errors.ts';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';

export interface HistoryStore {
  /** Where, for people: `ConfigMap perses/perses-cm-sync-history`. */
  readonly where: string;
  /** The saved text, or null when nothing was saved yet. */
  load(): Promise<string | null>;
  save(text: string): Promise<void>;
}

/** Name of the console's own ConfigMap. */
export const HISTORY_CONFIGMAP = 'perses-cm-sync-history';
const KEY = 'lag-history.json.gz';

export class ConfigMapHistoryStore implements HistoryStore {
  readonly where: string;
  private resourceVersion: string | null = null;

  constructor(
    private readonly kube: KubeClient,
    private readonly namespace: string,
    private readonly name = HISTORY_CONFIGMAP,
  ) {
    this.where = `ConfigMap ${namespace}/${name}`;
  }

  async load(): Promise<string | null> {
    try {
      const cm = await this.kube.readConfigMap(this.namespace, this.name);
      this.resourceVersion = cm.metadata?.resourceVersion ?? null;
      const data = cm.binaryData?.[KEY];
      return data ? gunzipSync(Buffer.from(data, 'base64')).toString('utf8') : null;
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return null;
      throw err;
    }
  }

  async save(text: string, retried = false): Promise<void> {
    const body = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: this.name,
        namespace: this.namespace,
        labels: {
          'app.kubernetes.io/managed-by': 'perses-cm',
          'app.kubernetes.io/component': 'sync-history',
        },
        ...(this.resourceVersion !== null && { resourceVersion: this.resourceVersion }),
      },
      binaryData: { [KEY]: gzipSync(text).toString('base64') },
    };
    try {
      const saved =
        this.resourceVersion === null
          ? await this.kube.createConfigMap(this.namespace, body)
          : await this.kube.replaceConfigMap(this.namespace, this.name, body);
      this.resourceVersion = saved.metadata?.resourceVersion ?? null;
    } catch (err) {
      // Created meanwhile, or changed by another writer: the console's copy is the one to keep.
      const lost = err instanceof AppError && ['conflict', 'already_exists'].includes(err.code);
      if (lost && !retried) {
        const current = await this.kube.readConfigMap(this.namespace, this.name);
        this.resourceVersion = current.metadata?.resourceVersion ?? null;
        return this.save(text, true);
      }
      throw err;
    }
  }
}

/** `<chart>/.perses-cm/sync-history.json`: beside `files/`, so it is never rendered. */
export class FileHistoryStore implements HistoryStore {
  readonly where: string;

  constructor(private readonly file: string) {
    this.where = `the file ${file}`;
  }

  static forChart(dir: string): FileHistoryStore {
    return new FileHistoryStore(path.join(dir, '.perses-cm', 'sync-history.json'));
  }

  async load(): Promise<string | null> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async save(text: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, this.file);
  }
}
