import { useState } from 'react';
import type { ExportPreview, FilterValues } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { DEFAULT_OPTIONS, type ExportOptions } from '../api/export-params.ts';
import { exportUrl } from '../api/export-url.ts';
import { useExportPreview } from '../api/get-export-preview.ts';
import { formatBytes } from '../hooks/format-bytes.ts';
import { ExportOptionsFields } from './export-options.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  /** The list's filters: the export takes the rows the list shows. */
  filters: FilterValues;
}

/** Files listed in the preview; the rest is counted. */
const SHOWN_FILES = 200;

function describeFilters(f: FilterValues): string {
  const parts = Object.entries(f)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k === 'q' ? 'search' : k} "${v}"`);
  return parts.length ? `The resources the list shows (${parts.join(', ')}).` : 'Every resource.';
}

/** Options, then the tree the export would write and what it refuses, then the download. */
export function ExportDialog({ open, onClose, filters }: Props) {
  const [options, setOptions] = useState<ExportOptions>(DEFAULT_OPTIONS);
  const params = { ...options, filters };
  const preview = useExportPreview(params, open);
  const p = preview.data;
  return (
    <Dialog
      open={open}
      title="Export as a Helm chart"
      onClose={onClose}
      size="lg"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          {p && !preview.isFetching ? (
            <a className="btn btn-primary solid" href={exportUrl(params)} download={p.archiveName}>
              Download {p.archiveName}
            </a>
          ) : (
            <button type="button" className="btn btn-primary solid" disabled>
              Download
            </button>
          )}
        </>
      }
    >
      <p className="muted">{describeFilters(filters)}</p>
      <ExportOptionsFields value={options} onChange={setOptions} />
      {preview.isPending ? (
        <LoadingState label="Preparing the preview" />
      ) : preview.error ? (
        <ErrorState
          title="The preview could not be made"
          error={preview.error}
          onRetry={() => void preview.refetch()}
        />
      ) : (
        p && <PreviewBody preview={p} />
      )}
    </Dialog>
  );
}

function PreviewBody({ preview: p }: { preview: ExportPreview }) {
  const resourceFiles = p.tree.filter((f) => f.resourceId !== null).length;
  return (
    <section aria-label="Export preview" className="export-preview">
      <p role="status" className="export-summary">
        <strong>{p.resources}</strong> resource{p.resources === 1 ? '' : 's'} in{' '}
        <strong>{p.tree.length}</strong> files, <strong>{formatBytes(p.totalBytes)}</strong> before
        compression
        {resourceFiles !== p.tree.length && ` (${p.tree.length - resourceFiles} chart files)`}
      </p>
      {p.errors.length > 0 && (
        <div className="banner banner-warn" role="alert">
          <strong>Part of the resources could not be read; the export lacks them.</strong>
          <ul>
            {p.errors.map((e) => (
              <li key={e.source}>
                <code>{e.source}</code>: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {p.refused.length > 0 && (
        <div className="banner banner-warn" role="group" aria-label="Not exported">
          <strong>
            {p.refused.length} resource{p.refused.length === 1 ? '' : 's'} cannot be exported
          </strong>
          <ul>
            {p.refused.map((r) => (
              <li key={r.id}>
                <strong>
                  {r.kind ?? 'Resource'} {r.project ? `${r.project}/` : ''}
                  {r.name ?? r.id}
                </strong>{' '}
                <span className="muted">({r.location})</span>: {r.reason}
              </li>
            ))}
          </ul>
        </div>
      )}
      {p.withErrors > 0 && (
        <p className="banner banner-info" role="note">
          {p.withErrors} exported resource{p.withErrors === 1 ? ' has' : 's have'} lint errors:
          Perses may refuse {p.withErrors === 1 ? 'it' : 'them'} as{' '}
          {p.withErrors === 1 ? 'it is' : 'they are'}.
        </p>
      )}
      <ul className="export-tree" aria-label="Files">
        {p.tree.slice(0, SHOWN_FILES).map((f) => (
          <li key={f.path}>
            <code>{f.path}</code> <span className="muted">{formatBytes(f.bytes)}</span>
          </li>
        ))}
        {p.tree.length > SHOWN_FILES && (
          <li className="muted">… and {p.tree.length - SHOWN_FILES} more files</li>
        )}
      </ul>
    </section>
  );
}
