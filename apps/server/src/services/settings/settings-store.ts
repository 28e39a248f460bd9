// Where the settings survive a restart: in a cluster, a ConfigMap the console owns (never labeled
// for the sidecar), written as the person who saves them so RBAC decides; on a chart directory, a
// file beside `files/` (never inside it, so it is never rendered into a ConfigMap).
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../domain/errors.ts';
import type { Identity } from '../../domain/identity.ts';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';

export interface SettingsStore {
  /** Where, for people. */
  readonly where: string;
  load(): Promise<string | null>;
  save(who: Identity, text: string): Promise<void>;
}

export const SETTINGS_CONFIGMAP = 'perses-cm-settings';
const KEY = 'settings.json';

export class ConfigMapSettingsStore implements SettingsStore {
  readonly where: string;

  constructor(
    private readonly kube: KubeClient,
    private readonly namespace: string,
  ) {
    this.where = `ConfigMap ${namespace}/${SETTINGS_CONFIGMAP}`;
  }

  async load(): Promise<string | null> {
    const cm = await this.kube.checkConfigMap(this.namespace, SETTINGS_CONFIGMAP);
    return cm?.data?.[KEY] ?? null;
  }

  async save(who: Identity, text: string): Promise<void> {
    const kube = this.kube.forIdentity(who);
    const current = await kube.checkConfigMap(this.namespace, SETTINGS_CONFIGMAP);
    const body = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: SETTINGS_CONFIGMAP,
        namespace: this.namespace,
        labels: {
          'app.kubernetes.io/managed-by': 'perses-cm',
          'app.kubernetes.io/component': 'settings',
        },
        ...(current?.metadata?.resourceVersion && {
          resourceVersion: current.metadata.resourceVersion,
        }),
      },
      data: { [KEY]: text },
    };
    try {
      if (current) await kube.replaceConfigMap(this.namespace, SETTINGS_CONFIGMAP, body);
      else await kube.createConfigMap(this.namespace, body);
    } catch (err) {
      if (err instanceof AppError && err.code === 'forbidden')
        throw new AppError('forbidden', `you may not write ${this.where}: ${err.message}`);
      throw err;
    }
  }
}

/** `<chart>/.perses-cm/settings.json`. */
export class FileSettingsStore implements SettingsStore {
  readonly where: string;
  private readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, '.perses-cm', 'settings.json');
    this.where = `the file ${this.file}`;
  }

  async load(): Promise<string | null> {
    try {
      return await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async save(_who: Identity, text: string): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const tmp = `${this.file}.${process.pid}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, this.file);
  }
}
