// Writes through the resource service, each one recorded in the audit log with its result: the
// rules stay in ResourceService, and no write can skip the record. A direct write to Perses that
// followed (apply now) is recorded as an entry of its own, with the same person and request id.
import type {
  ApplyOutcome,
  AuditAction,
  AuditEntry,
  CreateResourceRequest,
  Origin,
  ResourceDetail,
  ResourceSummary,
  UpdateResourceRequest,
} from '@perses-cm/api';
import { AppError } from '../domain/errors.ts';
import type { Identity } from '../domain/identity.ts';
import { identity } from '../domain/model.ts';
import type { AuditLog } from './audit-log.ts';
import { readDocument } from './document-input.ts';
import type { ResourceIndex } from './resource-index.ts';
import type { ResourceService } from './resource-service.ts';

type Where = Pick<
  AuditEntry,
  'kind' | 'name' | 'project' | 'namespace' | 'configMap' | 'key' | 'file'
>;

const NOWHERE: Where = {
  kind: null,
  name: null,
  project: null,
  namespace: null,
  configMap: null,
  key: null,
  file: null,
};

function whereOf(r: ResourceSummary, origin: Origin): Where {
  return {
    kind: r.kind,
    name: r.name,
    project: r.project,
    namespace: r.namespace,
    configMap: r.configMapName,
    key: r.key,
    file: origin.type === 'file' ? origin.path : null,
  };
}

const whereDetail = (d: ResourceDetail) => whereOf(d, d.origin);

/** A direct write to Perses: what it wrote (the resource, or its Project first) and how it went. */
interface DirectWrite {
  action: AuditAction;
  where: Where;
  outcome: ApplyOutcome;
}

/** The direct writes behind an outcome; a skipped one wrote nothing. */
function directWrites(action: AuditAction, where: Where, o: ApplyOutcome | undefined) {
  if (!o || o.outcome === 'skipped') return [];
  const writes: DirectWrite[] = [];
  if (o.projectApplied !== null) {
    // Listed with the write that caused it: those who may see that write may see this one.
    const project = {
      ...NOWHERE,
      kind: 'Project',
      name: o.projectApplied,
      namespace: where.namespace,
    };
    // Applied before the resource, which proves it went through.
    writes.push({ action: 'create', where: project, outcome: { ...o, outcome: 'applied' } });
  }
  writes.push({ action, where, outcome: o });
  return writes;
}

export class AuditedWrites {
  constructor(
    private readonly resources: ResourceService,
    private readonly index: ResourceIndex,
    private readonly audit: AuditLog,
  ) {}

  create(who: Identity, req: CreateResourceRequest, requestId: string): Promise<ResourceDetail> {
    return this.track(
      'create',
      who,
      requestId,
      () => this.planned(req),
      whereDetail,
      () => this.resources.create(who, req),
      (d) => directWrites('create', whereDetail(d), d.applied),
    );
  }

  update(
    who: Identity,
    id: string,
    req: UpdateResourceRequest,
    requestId: string,
  ): Promise<ResourceDetail> {
    return this.track(
      'update',
      who,
      requestId,
      () => this.stored(id),
      whereDetail,
      () => this.resources.update(who, id, req),
      (d) => directWrites('update', whereDetail(d), d.applied),
    );
  }

  /** Deletes; with `applyNow`, from Perses too, and says what Perses did. */
  delete(
    who: Identity,
    id: string,
    version: string,
    requestId: string,
    applyNow = false,
  ): Promise<ApplyOutcome | null> {
    const where = this.stored(id);
    return this.track(
      'delete',
      who,
      requestId,
      () => where,
      null,
      () => this.resources.delete(who, id, version, applyNow),
      (o) => directWrites('delete', where, o ?? undefined),
    );
  }

  private async track<T>(
    action: AuditAction,
    who: Identity,
    requestId: string,
    before: () => Where,
    after: ((result: T) => Where) | null,
    run: () => Promise<T>,
    direct: (result: T) => DirectWrite[],
  ): Promise<T> {
    // Read before the write: a delete removes what the entry must name.
    const where = before();
    const entry = (result: Pick<AuditEntry, 'result' | 'error'>, at: Where): AuditEntry => ({
      time: new Date().toISOString(),
      requestId,
      user: who.name,
      groups: who.groups,
      authMode: this.audit.mode,
      source: who.source,
      action,
      via: 'store',
      ...at,
      ...result,
    });
    let result: T;
    try {
      result = await run();
      this.audit.record(entry({ result: 'ok', error: null }, after ? after(result) : where));
    } catch (err) {
      const error =
        err instanceof AppError
          ? { code: err.code, message: err.message }
          : { code: 'internal' as const, message: 'internal error' };
      this.audit.record(entry({ result: 'error', error }, where));
      throw err;
    }
    for (const d of direct(result)) {
      const failed = d.outcome.outcome === 'failed';
      this.audit.record({
        ...entry(
          {
            result: failed ? 'error' : 'ok',
            error: failed ? { code: 'upstream_error', message: d.outcome.message } : null,
          },
          d.where,
        ),
        action: d.action,
        via: 'perses',
      });
    }
    return result;
  }

  /** What a create names, as far as its document can be read. */
  private planned(req: CreateResourceRequest): Where {
    try {
      const id = identity(readDocument(req).document);
      return {
        ...NOWHERE,
        kind: id?.kind ?? null,
        name: id?.name ?? null,
        project: id?.project ?? null,
        namespace: req.namespace ?? null,
      };
    } catch {
      return { ...NOWHERE, namespace: req.namespace ?? null };
    }
  }

  private stored(id: string): Where {
    const r = this.index.get(id);
    return r ? whereOf(r.summary, r.entry.origin) : NOWHERE;
  }
}
