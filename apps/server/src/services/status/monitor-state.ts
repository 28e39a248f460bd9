// The status monitor's state that its views read: what it watches (the scope), the resources it
// tracks, the lag history, the link to Perses, and the last cycle seen; who may see what.
import type { Visible } from '../../domain/identity.ts';
import { CHART_SIDECAR } from '../../domain/model.ts';
import type { ResourceIndex } from '../resource-index.ts';
import type { Connector } from './connector.ts';
import type { Unwritten } from './hints.ts';
import type { LagHistory } from './lag-history.ts';
import type { ProvisioningEvent } from './log-lines.ts';
import type { World } from './rules.ts';
import type { Tracker } from './tracker.ts';

export interface ScopeInfo {
  target: 'kubernetes' | 'directory';
  /** `perses.dev/resource=true`. */
  label: string;
  /** Watched namespaces; null for a chart directory. */
  namespaces: string[] | 'all' | null;
}

export const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

// The overview's counts and the orphans follow what a caller may read (`Visible`), so a person
// signed in sees nothing of namespaces they may not list, not even how many resources are there.
export const everything: Visible = () => true;

export class MonitorState {
  index: ResourceIndex | null = null;
  /** Bumped whenever a status changed, so list bodies holding statuses are rebuilt. */
  generation = 0;
  protected lastCycleAt: number | null = null;
  protected unwritten: Unwritten[] = [];
  protected unattributed: ProvisioningEvent[] = [];
  protected historyWhere: string | null = null;
  protected historyError: string | null = null;
  protected historySavedAt: number | null = null;
  protected readonly startedAt: number;

  constructor(
    public scope: ScopeInfo,
    protected readonly tracker: Tracker,
    protected readonly history: LagHistory,
    protected readonly connector: Connector,
    protected readonly now: () => number,
  ) {
    this.startedAt = now();
  }

  protected link() {
    return this.connector.link;
  }

  protected get logs() {
    return this.connector.logs;
  }

  protected folder(): string {
    return this.link().config?.provisioning.folders[0] ?? CHART_SIDECAR.folder;
  }

  protected world(): Omit<World, 'scope'> & {
    scope: Pick<World['scope'], 'target' | 'label' | 'namespaces'>;
  } {
    const link = this.link();
    const ns = this.scope.namespaces;
    return {
      connection: link.state,
      connectionMessage: link.message ?? '',
      now: this.now(),
      timing: { intervalMs: link.intervalMs, lastCycleAt: this.lastCycleAt },
      startedAt: this.startedAt,
      scope: {
        target: this.scope.target,
        label: this.scope.label,
        namespaces:
          ns === null
            ? 'a chart directory'
            : ns === 'all'
              ? 'all namespaces'
              : `namespaces ${ns.join(', ')}`,
      },
    };
  }
}
