// Export of the live resources as a Helm chart: the selection, the plan, a preview of the tree,
// and the files themselves for an archive or a folder. No HTTP here.
import type { Writable } from 'node:stream';
import type { ExportPreview, LabelSelector, Target } from '@perses-cm/api';
import {
  CHART_FILES_DIR,
  DEFAULT_CHART_NAME,
  DEFAULT_LABEL,
  chartSkeleton,
} from '@perses-cm/resources';
import type { Identity } from '../../domain/identity.ts';
import type { ResourceService } from '../resource-service.ts';
import type { ListStatus } from '../status/list-status.ts';
import { ARCHIVE_TYPES, writeArchive, type ArchiveEntry } from './archive.ts';
import { planExport, type PlannedFile } from './plan.ts';
import { selectResources, type ExportSelection } from './select.ts';

export interface PreparedExport {
  preview: ExportPreview;
  /** Every file of the chart (or of files/ only), sorted by path, contents produced on demand. */
  files: PlannedFile[];
  /** Folder the archive's entries sit in: the chart's name, or none for files/ alone. */
  root: string;
}

const skeletonFile = (path: string, text: string): PlannedFile => {
  const data = Buffer.from(text, 'utf8');
  return { path, bytes: data.length, resourceId: null, content: () => data };
};

/** The label exported ConfigMaps carry: the cluster's selector, or the chart's default. */
export function exportLabel(target: Target): LabelSelector {
  return target.type === 'kubernetes' ? target.label : { ...DEFAULT_LABEL };
}

export class ExportService {
  constructor(
    private readonly resources: ResourceService,
    /** The sidecar label the exported chart's ConfigMaps carry. */
    private readonly label: LabelSelector,
    /** Statuses for the `status` filter; null where there is no Perses connection. */
    private readonly status: ListStatus | null = null,
  ) {}

  async prepare(who: Identity, q: ExportSelection): Promise<PreparedExport> {
    const selected = await selectResources(this.resources, this.status, who, q);
    const plan = planExport(selected.resources, q.files);
    const name = q.name ?? DEFAULT_CHART_NAME;
    const chart =
      q.content === 'chart'
        ? chartSkeleton({ name, shape: q.shape, label: this.label }).map((f) =>
            skeletonFile(f.path, f.text),
          )
        : [];
    const files = [...chart, ...plan.files].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
    );
    const suffix = q.content === 'chart' ? '' : `-${CHART_FILES_DIR}`;
    return {
      files,
      root: q.content === 'chart' ? name : '',
      preview: {
        archiveName: `${name}${suffix}.${ARCHIVE_TYPES[q.format].extension}`,
        resources: plan.files.length,
        tree: files.map(({ path, bytes, resourceId }) => ({ path, bytes, resourceId })),
        totalBytes: files.reduce((n, f) => n + f.bytes, 0),
        refused: [...selected.missing, ...plan.refused],
        withErrors: plan.withErrors,
        errors: selected.errors,
      },
    };
  }

  async preview(who: Identity, q: ExportSelection): Promise<ExportPreview> {
    return (await this.prepare(who, q)).preview;
  }

  /** Streams a prepared export as an archive of `format`. */
  write(prepared: PreparedExport, format: ExportSelection['format'], out: Writable): Promise<void> {
    return writeArchive(format, entriesOf(prepared), out);
  }
}

/** The archive entries; each file's bytes are made only when the writer gets to it. */
function* entriesOf(prepared: PreparedExport): Generator<ArchiveEntry> {
  const prefix = prepared.root ? `${prepared.root}/` : '';
  for (const f of prepared.files)
    yield { path: `${prefix}${f.path}`, size: f.bytes, data: f.content };
}
