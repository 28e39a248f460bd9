// Moving ConfigMaps from one label to another: a dry run listing each one (old → new), then the
// writes, each as the caller (RBAC decides per ConfigMap, no silent partial failure: every item
// reports), with the old label optionally kept beside the new one during a migration. Both list
// only the ConfigMaps of namespaces the caller may list: the console's own reading is not theirs.
import type {
  LabelSelector,
  RelabelItem,
  RelabelPlan,
  RelabelProgress,
  RelabelRequest,
} from '@perses-cm/api';
import { RelabelRequest as RelabelRequestSchema } from '@perses-cm/api';
import { AppError, badRequest } from '../../domain/errors.ts';
import type { Authorizer, Identity } from '../../domain/identity.ts';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';
import {
  checkLabelKey,
  checkLabelValue,
  labelSelectorString,
} from '../../stores/kubernetes/label-selector.ts';
import type { AuditLog } from '../audit-log.ts';

/** Writes in flight at once: fast on a big set, gentle on the API server. */
const CONCURRENCY = 8;

export interface RelabelDeps {
  kube: KubeClient;
  /** The namespaces the console watches ('all': one cluster-wide list). */
  namespaces: () => string[] | 'all';
  /** The label the running sidecar watches, when found. */
  sidecarLabel: () => Promise<LabelSelector | null>;
  audit: AuditLog | null;
  /** Decides which namespaces' ConfigMaps a caller may see listed. */
  authorizer: Authorizer;
}

const text = (l: LabelSelector) => labelSelectorString(l);
// A selector without a value writes `true`, as a label needs one.
const valueOf = (l: LabelSelector) => l.value ?? 'true';

export class Relabel {
  constructor(private readonly deps: RelabelDeps) {}

  private checked(input: unknown) {
    const req = RelabelRequestSchema.parse(input);
    for (const [field, l] of [
      ['from', req.from],
      ['to', req.to],
    ] as const) {
      const error =
        checkLabelKey(l.key) ?? (l.value === undefined ? null : checkLabelValue(l.value));
      if (error) throw badRequest(`invalid ${field} label: ${error}`, [{ field, message: error }]);
    }
    if (req.keepOld && req.from.key === req.to.key)
      throw badRequest(
        `both labels have the key ${req.to.key}: a ConfigMap carries one value per key`,
        [{ field: 'keepOld', message: 'needs two different label keys' }],
      );
    if (text(req.from) === text(req.to))
      throw badRequest('the old and new labels are the same', [
        { field: 'to', message: 'must differ from from' },
      ]);
    return req;
  }

  async plan(who: Identity, input: unknown): Promise<RelabelPlan> {
    const req = this.checked(input);
    const items = await this.items(who, req);
    return { items, note: await this.note(req) };
  }

  /** Whether `who` may list ConfigMaps in `namespace`, asked once per namespace. */
  private mayList(who: Identity) {
    const asked = new Map<string, Promise<boolean>>();
    return (namespace: string) => {
      let answer = asked.get(namespace);
      if (!answer) {
        answer = this.deps.authorizer.can(who, 'list', namespace).then(
          (d) => d.allowed,
          () => false,
        );
        asked.set(namespace, answer);
      }
      return answer;
    };
  }

  private async items(who: Identity, req: ReturnType<Relabel['checked']>): Promise<RelabelItem[]> {
    const ns = this.deps.namespaces();
    const may = this.mayList(who);
    const out: RelabelItem[] = [];
    const after = req.keepOld ? `${text(req.from)},${text(req.to)}` : text(req.to);
    for (const scope of ns === 'all' ? [null] : ns) {
      if (scope !== null && !(await may(scope))) continue;
      const { items } = await this.deps.kube.listConfigMaps(scope, text(req.from));
      for (const cm of items) {
        const namespace = cm.metadata?.namespace ?? '';
        const name = cm.metadata?.name ?? '';
        if (req.only && !req.only.includes(`${namespace}/${name}`)) continue;
        if (!(await may(namespace))) continue;
        out.push({
          namespace,
          name,
          before: `${req.from.key}=${cm.metadata?.labels?.[req.from.key] ?? ''}`,
          after,
        });
      }
    }
    return out.sort((a, b) => `${a.namespace}/${a.name}`.localeCompare(`${b.namespace}/${b.name}`));
  }

  /** Which label the sidecar will find on them, in words. */
  private async note(req: ReturnType<Relabel['checked']>): Promise<string> {
    const watched = await this.deps.sidecarLabel().catch(() => null);
    const sees = (l: LabelSelector) =>
      watched !== null &&
      watched.key === l.key &&
      (watched.value === undefined || watched.value === valueOf(l));
    const kept = req.keepOld ? ` The old label ${text(req.from)} stays beside it.` : '';
    if (!watched)
      return `The new label is ${text(req.to)}.${kept} No running sidecar was found to say which one it watches.`;
    const seen = sees(req.to) || (req.keepOld && sees(req.from));
    const which = `The sidecar watches ${text(watched)}`;
    if (seen) return `${which}: it sees these ConfigMaps after the change.${kept}`;
    return sees(req.from)
      ? `${which}: after this it no longer sees these ConfigMaps (Perses keeps what it has but gets no changes) until it watches ${text(req.to)} (apply the Helm values).${kept}`
      : `${which}: it sees these ConfigMaps neither before nor after; apply the Helm values for ${text(req.to)}.${kept}`;
  }

  /** Every ConfigMap's outcome as it comes, then the totals; `only` retries the failed ones. */
  async *apply(who: Identity, input: unknown, requestId: string): AsyncGenerator<RelabelProgress> {
    const req = this.checked(input);
    const items = await this.items(who, req);
    yield { type: 'start', total: items.length };
    const kube = this.deps.kube.forIdentity(who);
    const results: RelabelProgress[] = [];
    let done = 0;
    const failed: string[] = [];
    let wake: (() => void) | null = null;
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const item = items[next++]!;
        const error = await this.one(kube, item, req).then(
          () => null,
          (err: unknown) =>
            err instanceof AppError
              ? { code: err.code, message: err.message }
              : { code: 'internal' as const, message: (err as Error).message },
        );
        const message = error?.message ?? null;
        done++;
        if (error) failed.push(`${item.namespace}/${item.name}`);
        this.record(who, requestId, item, error);
        results.push({
          type: 'item',
          namespace: item.namespace,
          name: item.name,
          ok: message === null,
          message,
          done,
          total: items.length,
        });
        wake?.();
      }
    };
    const all = Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
    let finished = false;
    void all.finally(() => {
      finished = true;
      wake?.();
    });
    while (!finished || results.length > 0) {
      if (results.length === 0) await new Promise<void>((r) => (wake = r));
      while (results.length > 0) yield results.shift()!;
    }
    await all;
    yield {
      type: 'done',
      applied: items.length - failed.length,
      failed: failed.sort(),
      total: items.length,
    };
  }

  private async one(kube: KubeClient, item: RelabelItem, req: ReturnType<Relabel['checked']>) {
    const cm = await kube.readConfigMap(item.namespace, item.name);
    const labels = { ...cm.metadata?.labels };
    if (labels[req.from.key] === undefined)
      throw new AppError('conflict', `it no longer has the label ${req.from.key}`);
    if (!req.keepOld) delete labels[req.from.key];
    labels[req.to.key] = valueOf(req.to);
    const metadata = { ...cm.metadata, labels };
    delete metadata.managedFields;
    await kube.replaceConfigMap(item.namespace, item.name, { ...cm, metadata });
  }

  private record(
    who: Identity,
    requestId: string,
    item: RelabelItem,
    error: { code: AppError['code']; message: string } | null,
  ) {
    const audit = this.deps.audit;
    audit?.record({
      time: new Date().toISOString(),
      requestId,
      user: who.name,
      groups: who.groups,
      authMode: audit.mode,
      source: who.source,
      action: 'relabel',
      via: 'store',
      kind: null,
      name: null,
      project: null,
      namespace: item.namespace,
      configMap: item.name,
      key: null,
      file: null,
      result: error === null ? 'ok' : 'error',
      error,
    });
  }
}

export type { RelabelRequest };
