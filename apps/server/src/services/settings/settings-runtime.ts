// The settings of a running console, built once from the configuration and the target's backend:
// where they are kept (a ConfigMap in the console's first namespace, or beside the chart's
// `files/`), where Perses is looked for, and relabel on a cluster.
import type { ServerConfig } from '../../config.ts';
import type { PersesClient } from '../../perses/perses-client.ts';
import type { Backend } from '../../stores/store.ts';
import type { AuditLog } from '../audit-log.ts';
import { Relabel } from './relabel.ts';
import { defaultSettings } from './settings-model.ts';
import { SettingsService, type RuntimeChange } from './settings-service.ts';
import { ConfigMapSettingsStore, FileSettingsStore, type SettingsStore } from './settings-store.ts';

export interface SettingsParts {
  settings: SettingsService;
  relabel: Relabel | null;
}

function defaultStore(config: ServerConfig, backend: Backend): SettingsStore {
  if (config.target.type === 'directory') return new FileSettingsStore(config.target.dir);
  const kube = backend.kube;
  if (!kube) throw new Error('a cluster target without a Kubernetes client');
  const ns = config.target.namespaces;
  return new ConfigMapSettingsStore(
    kube,
    Array.isArray(ns) && ns[0] ? ns[0] : kube.defaultNamespace,
  );
}

export function createSettings(deps: {
  config: ServerConfig;
  backend: Backend;
  audit: AuditLog;
  /** Where the settings are kept (tests isolate it); absent: the target's default. */
  store?: SettingsStore;
  perses: () => PersesClient | null;
  perNamespace: () => Map<string, number>;
  apply: (change: RuntimeChange) => Promise<unknown>;
}): SettingsParts {
  const { config, backend } = deps;
  const kube = backend.kube ?? null;
  const settings = new SettingsService({
    store: deps.store ?? defaultStore(config, backend),
    defaults: defaultSettings(config),
    target: config.target.type,
    kube,
    lookIn: config.status?.persesNamespaces ?? null,
    perses: deps.perses,
    perNamespace: deps.perNamespace,
    apply: deps.apply,
    audit: deps.audit,
    authorizer: backend.authorizer,
  });
  const relabel = kube
    ? new Relabel({
        kube,
        namespaces: () => settings.current().namespaces ?? [kube.defaultNamespace],
        sidecarLabel: async () => (await settings.discover()).sidecar?.label ?? null,
        audit: deps.audit,
        authorizer: backend.authorizer,
      })
    : null;
  return { settings, relabel };
}

/** Resources per namespace of a list of summaries. */
export function countByNamespace(namespaces: (string | null)[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const ns of namespaces) if (ns !== null) out.set(ns, (out.get(ns) ?? 0) + 1);
  return out;
}
