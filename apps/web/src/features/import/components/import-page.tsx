// Import: pick a source (files or an archive, what Perses serves without a ConfigMap, the
// cluster's perses-operator resources, a Grafana dashboard), see the preview, tick what to write
// (updates only after their diff), apply with a progress bar, and read (or download) the
// per-item report.
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ImportPreview, ImportReport } from '@perses-cm/api';
import { ErrorState } from '../../../components/states.tsx';
import { applyImport, previewSource, previewUpload, type Placement } from '../api/import-api.ts';
import { ApplyProgress, ApplyReport } from './apply-report.tsx';
import { PreviewTable } from './preview-table.tsx';
import { SourceForm, type SourceChoice } from './source-form.tsx';
import './import-page.css';

const ARCHIVE = /\.(zip|tgz|tar|gz)$/i;

async function previewOf(choice: SourceChoice, at: Placement): Promise<ImportPreview> {
  if (choice.source === 'perses' || choice.source === 'operator')
    return previewSource({ source: choice.source, ...at });
  if (choice.source === 'grafana') {
    const text = (await choice.files[0]?.text()) ?? '';
    return previewSource({ source: 'grafana', text, ...at, project: at.project ?? '' });
  }
  const [first, ...rest] = choice.files;
  if (!first) throw new Error('Choose a file or an archive');
  if (rest.length === 0) return previewUpload(first, at);
  if (choice.files.some((f) => ARCHIVE.test(f.name)))
    throw new Error('Choose one archive at a time (or several resource files)');
  const files = await Promise.all(
    choice.files.map(async (f) => ({ name: f.name, text: await f.text() })),
  );
  return previewSource({ source: 'files', files, ...at });
}

export default function ImportPage() {
  const queryClient = useQueryClient();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [applyNow, setApplyNow] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  const onPreview = async (choice: SourceChoice, at: Placement) => {
    setBusy(true);
    setError(null);
    setReport(null);
    setProgress(null);
    try {
      const p = await previewOf(choice, at);
      setPreview(p);
      setTicked(new Set(p.entries.filter((e) => e.action === 'create').map((e) => e.key)));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const onApply = async () => {
    if (!preview) return;
    const items = preview.entries
      .filter((e) => ticked.has(e.key))
      .map((e) => ({
        key: e.key,
        ...(e.existing ? { overwrite: { version: e.existing.version } } : {}),
      }));
    setBusy(true);
    setError(null);
    setProgress({ done: 0, total: items.length });
    try {
      const r = await applyImport(preview.id, { items, applyNow }, (l) =>
        setProgress({ done: l.done, total: l.total }),
      );
      setReport(r);
      void queryClient.invalidateQueries({ queryKey: ['resources'] });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const tick = (key: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(key);
    else next.delete(key);
    setTicked(next);
  };

  return (
    <section className="page import" aria-label="Import">
      <div className="page-head">
        <div className="title-block">
          <h1>Import</h1>
          <p className="muted">
            Bring resources in from files, a chart archive, what Perses serves without a ConfigMap,
            or a Grafana dashboard. Nothing is written before you see the preview and apply it.
          </p>
        </div>
      </div>
      <SourceForm busy={busy} onPreview={(c, at) => void onPreview(c, at)} />
      {error !== null && <ErrorState title="The import did not go through" error={error} />}
      {preview && (
        <>
          <p className="import-counts" aria-label="Preview summary">
            {preview.source} → {preview.target}: {preview.counts.create} to create,{' '}
            {preview.counts.update} to update, {preview.counts.unchanged} unchanged,{' '}
            {preview.counts.refused} refused
          </p>
          {preview.errors.map((e) => (
            <p key={e.source + e.message} className="import-reason" role="alert">
              {e.source}: {e.message}
            </p>
          ))}
          {preview.skipped.length > 0 && (
            <details>
              <summary>{preview.skipped.length} files skipped</summary>
              <ul>
                {preview.skipped.map((s) => (
                  <li key={s.path}>
                    <span className="mono">{s.path}</span>: {s.reason}
                  </li>
                ))}
              </ul>
            </details>
          )}
          {preview.entries.length === 0 ? (
            <p className="muted">Nothing to import from this source.</p>
          ) : (
            <PreviewTable preview={preview} ticked={ticked} onTick={tick} />
          )}
          <div className="toolbar">
            <label className="field-inline">
              <input
                type="checkbox"
                checked={applyNow}
                onChange={(e) => setApplyNow(e.target.checked)}
              />
              Also apply to Perses now
            </label>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || ticked.size === 0}
              onClick={() => void onApply()}
            >
              Apply {ticked.size} {ticked.size === 1 ? 'entry' : 'entries'}
            </button>
          </div>
        </>
      )}
      {progress && <ApplyProgress done={progress.done} total={progress.total} />}
      {report && <ApplyReport report={report} />}
    </section>
  );
}
