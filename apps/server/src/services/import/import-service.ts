// Import: reads a source (files, an upload, the live Perses, a Grafana dashboard, the cluster's
// perses-operator resources) into candidates, plans each against what is stored, keeps the
// preview for its owner, and applies the picked entries through the audited writes. No HTTP here.
import type { Readable } from 'node:stream';
import type {
  ImportApplyRequest,
  ImportEntryTexts,
  ImportPreview,
  ImportPreviewRequest,
  ImportReport,
  ImportUploadQuery,
  Orphan,
} from '@perses-cm/api';
import { AppError, notFound } from '../../domain/errors.ts';
import type { Authorizer, Identity } from '../../domain/identity.ts';
import type { PersesClient } from '../../perses/perses-client.ts';
import type { KubeClient } from '../../stores/kubernetes/kube-client.ts';
import type { ResourceStore } from '../../stores/store.ts';
import type { AuditedWrites } from '../audited-writes.ts';
import type { ResourceIndex } from '../resource-index.ts';
import type { ResourceService } from '../resource-service.ts';
import type { ValidationService } from '../validation-service.ts';
import { applyImport, type Progress } from './apply-import.ts';
import type { SourceRead } from './candidate.ts';
import { readFiles } from './files-source.ts';
import { readFolder } from './folder-reader.ts';
import { readGrafana } from './grafana-source.ts';
import { DEFAULT_LIMITS, mib, type ImportLimits } from './limits.ts';
import { readOperatorCluster } from './operator-source.ts';
import { readPerses } from './perses-source.ts';
import { planImport } from './plan.ts';
import { PreviewStore } from './preview-store.ts';
import { filesOfUpload, receive } from './read-upload.ts';

export interface ImportDeps {
  store: ResourceStore;
  index: ResourceIndex;
  authorizer: Authorizer;
  resources: ResourceService;
  validation: ValidationService;
  writes: AuditedWrites;
  /** The Perses to adopt from and migrate with; null when none is configured. */
  perses: () => PersesClient | null;
  /** What Perses serves that no ConfigMap backs; null without a provisioning status. */
  orphans: () => Orphan[] | null;
  /** The cluster's client, for its perses-operator custom resources; absent for a chart. */
  kube?: KubeClient;
  limits?: ImportLimits;
}

export class ImportService {
  private readonly previews = new PreviewStore();
  private readonly limits: ImportLimits;

  constructor(private readonly deps: ImportDeps) {
    this.limits = deps.limits ?? DEFAULT_LIMITS;
  }

  async preview(who: Identity, req: ImportPreviewRequest): Promise<ImportPreview> {
    const opts = req.project ? { project: req.project } : {};
    if (req.source === 'files') {
      const files = req.files.map((f) => ({ path: f.name, data: Buffer.from(f.text, 'utf8') }));
      const read = readFiles({ files: files.map((f) => this.capped(f)), stopped: null }, '', opts);
      return this.keep(who, `${req.files.length} file(s)`, read, req.namespace);
    }
    if (req.source === 'perses') {
      const read = await readPerses(this.deps.perses(), this.deps.orphans());
      return this.keep(who, 'Perses (what no ConfigMap backs)', read, req.namespace);
    }
    if (req.source === 'operator') {
      // Read as the person, so the cluster's RBAC decides which custom resources they see.
      const kube = this.deps.kube?.forIdentity(who) ?? null;
      const read = await readOperatorCluster(kube, req.project);
      return this.keep(who, 'perses-operator resources in the cluster', read, req.namespace);
    }
    const read = await readGrafana(this.deps.perses(), req);
    return this.keep(who, 'Grafana dashboard', read, req.namespace);
  }

  /** An uploaded archive (or one plain file), read as it streams in, within the limits. */
  async previewUpload(who: Identity, body: Readable, q: ImportUploadQuery): Promise<ImportPreview> {
    const bytes = await receive(body, this.limits.archiveBytes);
    const raw = await filesOfUpload(bytes, q.filename, this.limits);
    const read = readFiles(raw, q.filename, q.project ? { project: q.project } : {});
    return this.keep(who, q.filename, read, q.namespace);
  }

  /** A folder on disk (a chart, its files/ tree, any folder of resource files), for the CLI. */
  async previewFolder(
    who: Identity,
    dir: string,
    q: Omit<ImportUploadQuery, 'filename'>,
  ): Promise<ImportPreview> {
    const raw = await readFolder(dir, this.limits);
    const read = readFiles(raw, dir, q.project ? { project: q.project } : {});
    return this.keep(who, dir, read, q.namespace);
  }

  texts(who: Identity, id: string, key: string): ImportEntryTexts {
    const planned = this.previews.get(who, id).planned.get(key);
    if (!planned || planned.text === null)
      throw notFound(`entry ${key.slice(0, 20)} has no text in this preview (refused, or unknown)`);
    return { key, text: planned.text, existingText: planned.existingText };
  }

  async apply(
    who: Identity,
    id: string,
    req: ImportApplyRequest,
    requestId: string,
    progress: Progress,
  ): Promise<ImportReport> {
    const kept = this.previews.get(who, id);
    if (kept.applying) throw new AppError('conflict', 'this preview is being applied already');
    kept.applying = true;
    try {
      kept.report = await applyImport(this.deps.writes, who, kept, req, requestId, progress);
      return kept.report;
    } finally {
      kept.applying = false;
    }
  }

  report(who: Identity, id: string): ImportReport {
    const report = this.previews.get(who, id).report;
    if (!report) throw notFound('this preview has not been applied yet');
    return report;
  }

  private capped(f: { path: string; data: Buffer }) {
    if (f.data.length <= this.limits.entryBytes) return f;
    return {
      path: f.path,
      refused: `the file is larger than ${mib(this.limits.entryBytes)}: one ConfigMap holds at most that`,
    };
  }

  private async keep(
    who: Identity,
    source: string,
    read: SourceRead,
    namespace: string | undefined,
  ): Promise<ImportPreview> {
    const ns = this.deps.resources.namespaceFor(namespace);
    const { index, authorizer, validation } = this.deps;
    const planned = await planImport(read.candidates, {
      who,
      index,
      authorizer,
      validation,
      namespace: ns,
    });
    const counts = { create: 0, update: 0, unchanged: 0, refused: 0 };
    for (const p of planned) counts[p.entry.action]++;
    const target = this.deps.store.target;
    const kept = this.previews.add(who, (id, expiresAt) => ({
      preview: {
        id,
        source,
        target:
          ns !== null
            ? `namespace ${ns}`
            : `chart ${target.type === 'directory' ? target.path : ''}`,
        entries: planned.map((p) => p.entry),
        skipped: read.skipped,
        counts,
        errors: read.errors,
        expiresAt,
      },
      planned: new Map(planned.map((p) => [p.entry.key, p])),
      applying: false,
      report: null,
    }));
    return kept.preview;
  }
}
