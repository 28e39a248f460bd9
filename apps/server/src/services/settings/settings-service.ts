// The console's settings for the server's life: loaded before the first store opens, saved as the
// caller, and put into force through the runtime seam (a new label or namespaces: the store
// re-lists and open lists update, no restart). The view sets them beside what runs, with the
// mismatches, the worst-case lag and the Helm values.
import type { ConsoleSettings, DiscoveredSetup, SettingsView } from '@perses-cm/api';
import { badRequest } from '../../domain/errors.ts';
import { CHART_SIDECAR, type SidecarSettings } from '../../domain/model.ts';
import {
  isPerson,
  listableBy,
  type Authorizer,
  type Identity,
  type Visible,
} from '../../domain/identity.ts';
import type { PersesClient } from '../../perses/perses-client.ts';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';
import type { AuditLog } from '../audit-log.ts';
import { helmCommand, helmValues } from './helm-values.ts';
import { CheckedSettings, orderedNamespaces, readStored } from './settings-model.ts';
import type { SettingsStore } from './settings-store.ts';
import { setupFindings } from './setup-check.ts';
import { newerFeatures, worstCaseLag } from './setup-lag.ts';
import { discoverWorkload, type FoundWorkload } from './workload-discovery.ts';

/** What the runtime changes when settings do (see runtime/reconfigure.ts). */
export interface ScopeChange {
  label: ConsoleSettings['label'];
  namespaces: ConsoleSettings['namespaces'];
}

/** A change for the runtime: its scope, or how the running sidecar names files. */
export type RuntimeChange = Partial<ScopeChange> & { sidecar?: SidecarSettings };

export interface SettingsDeps {
  store: SettingsStore;
  defaults: ConsoleSettings;
  target: 'kubernetes' | 'directory';
  kube: KubeClient | null;
  /** Where to look for the Perses workload (null: the watched namespaces). */
  lookIn: string[] | 'all' | null;
  perses: () => PersesClient | null;
  /** Resources per namespace in the current store. */
  perNamespace: () => Map<string, number>;
  apply: (change: RuntimeChange) => Promise<unknown>;
  audit: AuditLog | null;
  /** Who may list which namespaces: a person is shown only theirs. */
  authorizer: Authorizer;
}

export class SettingsService {
  private settings: ConsoleSettings;
  /** The sidecar's file naming the index uses (the chart's until one is discovered). */
  private sidecarInForce: SidecarSettings = CHART_SIDECAR;

  constructor(private readonly deps: SettingsDeps) {
    this.settings = deps.defaults;
  }

  current(): ConsoleSettings {
    return this.settings;
  }

  get where(): string {
    return this.deps.store.where;
  }

  /** Reads the saved settings (before the first store opens); a broken file keeps the flags'. */
  async load(): Promise<ConsoleSettings> {
    const text = await this.deps.store.load().catch((err: unknown) => {
      console.error(`cannot read ${this.deps.store.where}: ${(err as Error).message}`);
      return null;
    });
    if (text !== null) {
      try {
        this.settings = readStored(text, this.deps.defaults);
      } catch (err) {
        console.error(`ignoring ${this.deps.store.where}: ${(err as Error).message}`);
      }
    }
    return this.settings;
  }

  /** The scope the runtime opens its store over. */
  scope(): ScopeChange {
    return { label: this.settings.label, namespaces: orderedNamespaces(this.settings) };
  }

  /** Validates (each error naming its field), saves as `who`, then puts the scope in force. */
  async update(who: Identity, input: unknown, requestId: string): Promise<ConsoleSettings> {
    const next = CheckedSettings.parse(input);
    if (this.deps.target === 'directory' && next.namespaces !== null)
      throw badRequest('a chart directory has no namespaces to watch', [
        { field: 'namespaces', message: 'must be null for a chart directory' },
      ]);
    const before = this.scope();
    await this.deps.store.save(who, `${JSON.stringify(next, null, 2)}\n`);
    this.settings = next;
    this.deps.audit?.record({
      time: new Date().toISOString(),
      requestId,
      user: who.name,
      groups: who.groups,
      authMode: this.deps.audit.mode,
      source: who.source,
      action: 'settings',
      via: 'store',
      kind: null,
      name: null,
      project: null,
      namespace: null,
      configMap: null,
      key: null,
      file: null,
      result: 'ok',
      error: null,
    });
    const after = this.scope();
    // A chart directory has no label or namespaces to watch: its label is for the Helm values.
    if (this.deps.target === 'kubernetes' && JSON.stringify(before) !== JSON.stringify(after))
      await this.deps.apply(after);
    return next;
  }

  private async workload(): Promise<FoundWorkload> {
    const kube = this.deps.kube;
    let found: FoundWorkload = {
      workload: null,
      namespace: null,
      release: null,
      sidecar: null,
      reason: 'a chart directory: no cluster to look in',
    };
    if (kube) {
      const lookIn = this.deps.lookIn ?? this.settings.namespaces ?? [kube.defaultNamespace];
      found = await discoverWorkload(kube, lookIn);
      // Perses often runs beside, not among, the watched namespaces: a cluster-wide look may see it.
      if (!found.workload && lookIn !== 'all') {
        const wide = await discoverWorkload(kube, 'all');
        if (wide.workload) found = wide;
      }
    }
    return found;
  }

  /** The running sidecar and Perses; the index follows the sidecar's file naming. */
  async discover(): Promise<DiscoveredSetup> {
    const found = await this.workload();
    const discovered = { ...found, perses: await this.persesSide() };
    await this.follow(discovered.sidecar);
    return discovered;
  }

  /** At start: only the sidecar, so the index places files as it does. */
  async followRunning(): Promise<void> {
    await this.follow((await this.workload()).sidecar);
  }

  /**
   * The cross-resource rules place files as the running sidecar does: when its UNIQUE_FILENAMES or
   * FOLDER_ANNOTATION differ from what the index uses, the index is rebuilt with them.
   */
  private async follow(sidecar: DiscoveredSetup['sidecar']): Promise<void> {
    if (!sidecar) return;
    const next: SidecarSettings = {
      folder: sidecar.folder ?? CHART_SIDECAR.folder,
      folderAnnotation: sidecar.folderAnnotation,
      uniqueFilenames: sidecar.uniqueFilenames,
    };
    if (JSON.stringify(next) === JSON.stringify(this.sidecarInForce)) return;
    this.sidecarInForce = next;
    await this.deps.apply({ sidecar: next });
  }

  private async persesSide(): Promise<DiscoveredSetup['perses']> {
    const client = this.deps.perses();
    if (!client) return null;
    const out = {
      where: client.where,
      version: null as string | null,
      interval: null as string | null,
      intervalMs: null as number | null,
      folders: [] as string[],
      error: null as string | null,
    };
    try {
      out.version = (await client.health()).version;
      const config = await client.config();
      out.interval = config.provisioning.interval?.text ?? '1h (Perses default)';
      out.intervalMs = config.provisioning.interval?.ms ?? 3_600_000;
      out.folders = config.provisioning.folders;
    } catch (err) {
      out.error = (err as Error).message;
    }
    return out;
  }

  /**
   * The settings beside what runs, as `who` may see them: a person is told the resource counts of
   * the namespaces they may list, and of the Perses workload only when it runs in one of them.
   */
  async view(who: Identity): Promise<SettingsView> {
    const settings = this.settings;
    const running = await this.discover();
    const counts = this.deps.perNamespace();
    // The console itself (doctor, a console without sign-in) sees what it found.
    const visible: Visible = isPerson(who)
      ? await listableBy(this.deps.authorizer, who, [
          ...counts.keys(),
          ...(running.namespace ? [running.namespace] : []),
        ])
      : () => true;
    const discovered = visible(running.namespace) ? running : hiddenWorkload(running);
    return {
      settings,
      storedIn: this.deps.store.where,
      discovered,
      findings: setupFindings({
        settings,
        discovered,
        perNamespace: new Map([...counts].filter(([ns]) => visible(ns))),
        target: this.deps.target,
      }),
      lag: worstCaseLag(settings, discovered),
      newer: newerFeatures(discovered.perses?.version ?? null),
      helm: {
        values: helmValues(settings, discovered.sidecar),
        command: helmCommand(discovered.release, discovered.namespace),
      },
    };
  }
}

/** The Perses workload runs where the caller may not look: nothing of it but Perses's own answers. */
function hiddenWorkload(d: DiscoveredSetup): DiscoveredSetup {
  return {
    ...d,
    workload: null,
    namespace: null,
    release: null,
    sidecar: null,
    reason: 'the Perses workload runs in a namespace you may not list ConfigMaps in',
  };
}
