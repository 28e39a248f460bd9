// The runtime seam: new settings build a new generation beside the serving one, which is swapped
// in within one tick (no request sees half of each) once the new store has its full list. Open
// event streams stay connected: the event log follows the new index and sends them `resync`.
import { badRequest } from '../domain/errors.ts';
import { followGeneration } from '../services/status/runtime-status.ts';
import type { LabelSelector } from '@perses-cm/api';
import {
  buildGeneration,
  openIndexedStore,
  persesClientFor,
  type Generation,
  type RuntimeSettings,
  type Shared,
} from './generation.ts';

/** Fields left out keep their value; `perses.auth` left out keeps the current credentials. */
export interface SettingsChange {
  label?: LabelSelector;
  namespaces?: string[] | 'all' | null;
  perses?: { url: string | null; auth?: RuntimeSettings['perses']['auth'] };
  /** How the running sidecar names files: the index re-reads everything with it. */
  sidecar?: RuntimeSettings['sidecar'];
}

interface Slot {
  current(): Generation;
  swap(next: Generation): void;
}

export function createReconfigure(shared: Shared, initial: RuntimeSettings, slot: Slot) {
  let settings = initial;
  // One change at a time: each builds on the settings the previous one left.
  let queue: Promise<unknown> = Promise.resolve();

  async function change(c: SettingsChange): Promise<RuntimeSettings> {
    const next: RuntimeSettings = {
      label: c.label ?? settings.label,
      namespaces: c.namespaces !== undefined ? c.namespaces : settings.namespaces,
      perses: c.perses
        ? { url: c.perses.url, auth: c.perses.auth ?? settings.perses.auth }
        : settings.perses,
      sidecar: c.sidecar ?? settings.sidecar,
    };
    const old = slot.current();
    const scopeChanged =
      JSON.stringify([next.label, next.namespaces, next.sidecar]) !==
      JSON.stringify([settings.label, settings.namespaces, settings.sidecar]);
    const labelOrNamespaces =
      JSON.stringify([next.label, next.namespaces]) !==
      JSON.stringify([settings.label, settings.namespaces]);
    if (labelOrNamespaces && old.store.target.type === 'directory')
      throw badRequest('a chart directory has no label or namespaces to change');
    const opened = scopeChanged
      ? await openIndexedStore(shared.backend, next, shared.metrics)
      : { store: old.store, index: old.index, checker: old.checker };
    const perses = next.perses === settings.perses ? old.perses : persesClientFor(next.perses);
    let fresh: Generation;
    try {
      fresh = buildGeneration(shared, opened, perses);
    } catch (err) {
      if (scopeChanged) {
        opened.checker?.stop();
        await opened.store.stop();
      }
      throw err;
    }
    // The swap: from here every request, every gauge and every event comes from `fresh`.
    slot.swap(fresh);
    settings = next;
    if (shared.status) followGeneration(shared.status, fresh);
    if (scopeChanged) {
      opened.checker?.start();
      shared.eventLog.follow(fresh.index);
      shared.eventLog.resync(`the console now watches ${describeScope(next)}: re-read the list`);
      old.checker?.stop();
      await old.store.stop();
    }
    return settings;
  }

  return {
    settings: (): RuntimeSettings => settings,
    apply(c: SettingsChange): Promise<RuntimeSettings> {
      const run = queue.then(() => change(c));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

function describeScope(s: RuntimeSettings): string {
  const label = `${s.label.key}${s.label.value === undefined ? '' : `=${s.label.value}`}`;
  const ns =
    s.namespaces === 'all'
      ? 'all namespaces'
      : s.namespaces === null
        ? "the context's namespace"
        : `namespaces ${s.namespaces.join(', ')}`;
  return `ConfigMaps labeled ${label} in ${ns}`;
}
