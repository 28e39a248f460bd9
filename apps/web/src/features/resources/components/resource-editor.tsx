import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ConflictDetails, type Finding, type ResourceDetail } from '@perses-cm/api';
import { KindBadge } from '../../../components/badges.tsx';
import { showToast } from '../../../components/toast-store.ts';
import { ErrorBoundary } from '../../../components/error-boundary.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { CodeEditor, type CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import type { MarkerSummary } from '../../../lib/monaco/markers.ts';
import { usePermission } from '../../session/hooks/use-permission.ts';
import { useDeleteResource } from '../api/delete-resource.ts';
import { resourceKeys } from '../api/keys.ts';
import { useUpdateResource } from '../api/update-resource.ts';
import { clearDraft, draftKey, loadDraft, saveDraft } from '../hooks/drafts.ts';
import { findingsFromError } from '../hooks/findings-from-error.ts';
import { formatText } from '../hooks/format-text.ts';
import { useEditorFindings } from '../hooks/use-editor-findings.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { DeleteDialog, storageLabel } from './delete-dialog.tsx';
import { SaveDiffDialog } from './save-diff-dialog.tsx';
import { SidePanel } from './side-panel.tsx';

interface Props {
  stored: ResourceDetail;
  /** Set when the last refetch failed; not_found means someone deleted the resource. */
  storedError: unknown;
  backSearch: string;
}

type Open = null | 'diff' | 'conflict' | 'delete';
const SAVE_KEY = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘S' : 'Ctrl+S';
const NO_MARKERS: MarkerSummary = { errors: 0, warnings: 0, list: [] };

export function ResourceEditor({ stored, storedError, backSearch }: Props) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const key = draftKey(stored.id);
  const [initial] = useState(() => {
    const d = loadDraft(key);
    if (d && d.text !== stored.text) {
      return {
        base: { text: d.baseText, version: d.baseVersion },
        text: d.text,
        restoredAt: d.savedAt,
      };
    }
    return {
      base: { text: stored.text, version: stored.version },
      text: stored.text,
      restoredAt: null,
    };
  });
  const [base, setBase] = useState(initial.base);
  const [text, setText] = useState(initial.text);
  const [restoredAt, setRestoredAt] = useState<number | null>(initial.restoredAt);
  const [open, setOpen] = useState<Open>(null);
  const [markers, setMarkers] = useState<MarkerSummary>(NO_MARKERS);
  const [refused, setRefused] = useState<string | null>(null);
  // Findings of a save the server refused, for the text that was sent; shown until it changes.
  const [rejected, setRejected] = useState<{ text: string; findings: Finding[] } | null>(null);
  const editor = useRef<CodeEditorHandle>(null);

  const update = useUpdateResource();
  const del = useDeleteResource();
  const canUpdate = usePermission('update', stored.namespace);
  const canDelete = usePermission('delete', stored.namespace);
  const deleted = isApiError(storedError, 'not_found');
  const readOnlyReason =
    stored.readOnly ?? (canUpdate.allowed ? null : (canUpdate.reason ?? 'Not allowed'));
  const deleteReason =
    stored.readOnly ?? (canDelete.allowed ? null : (canDelete.reason ?? 'Not allowed'));

  const dirty = text !== base.text;
  const remoteChanged = !deleted && stored.version !== base.version;
  const editorFindings = useEditorFindings(text, stored.format, stored.text, stored.findingList);
  const { perses, validating } = editorFindings;
  const findings = useMemo(
    () =>
      rejected && rejected.text === text
        ? [...editorFindings.findings, ...rejected.findings]
        : editorFindings.findings,
    [editorFindings.findings, rejected, text],
  );

  // A newer stored version while the user has no edit of their own: just follow it.
  useEffect(() => {
    if (!remoteChanged) return;
    if (!dirty || stored.text === text) {
      setBase({ text: stored.text, version: stored.version });
      editor.current?.replaceText(stored.text);
      setText(stored.text);
    }
  }, [remoteChanged, dirty, stored.text, stored.version, text]);

  // Keep the draft in local storage while there is an unsaved edit.
  useEffect(() => {
    const t = window.setTimeout(() => {
      if (text !== base.text) {
        saveDraft(key, {
          text,
          format: stored.format,
          baseText: base.text,
          baseVersion: base.version,
          savedAt: Date.now(),
        });
      } else clearDraft(key);
    }, 300);
    return () => window.clearTimeout(t);
  }, [key, text, base, stored.format]);

  const requestSave = () => {
    if (readOnlyReason)
      return showToast({ tone: 'info', title: 'Read-only', message: readOnlyReason });
    if (deleted)
      return showToast({
        tone: 'error',
        title: 'Cannot save',
        message: 'The resource was deleted.',
      });
    if (markers.errors > 0) {
      const first = markers.list.find((m) => m.severity === 'error');
      setRefused(
        `Fix ${markers.errors} error${markers.errors === 1 ? '' : 's'} before saving${first ? `: line ${first.line}: ${first.message}` : '.'}`,
      );
      if (first) editor.current?.reveal(first.line, first.column);
      return;
    }
    setRefused(null);
    if (!dirty)
      return showToast({
        tone: 'info',
        title: 'Nothing to save',
        message: 'The text is the same as the stored version.',
      });
    setOpen(remoteChanged ? 'conflict' : 'diff');
  };

  const confirmSave = () => {
    update.mutate(
      { id: stored.id, text, format: stored.format, version: base.version },
      {
        onSuccess: (saved) => {
          clearDraft(key);
          setBase({ text: saved.text, version: saved.version });
          if (saved.text !== text) editor.current?.replaceText(saved.text);
          setText(saved.text);
          setRestoredAt(null);
          setOpen(null);
          showToast({
            tone: 'success',
            title: 'Saved',
            message: `${storageLabel(saved)} updated.`,
          });
        },
        onError: (err) => {
          if (isApiError(err, 'conflict')) {
            const details = ConflictDetails.safeParse(err.details);
            const current = details.success ? details.data.current : null;
            if (current) qc.setQueryData(resourceKeys.detail(stored.id), current);
            else void qc.invalidateQueries({ queryKey: resourceKeys.detail(stored.id) });
            setOpen('conflict');
          } else if (isApiError(err, 'validation_failed')) {
            setOpen(null);
            const list = findingsFromError(err);
            setRejected({ text, findings: list });
            setRefused(
              `The server refused the document: ${err.message}${list[0] ? ` (line ${list[0].line ?? '?'}: ${list[0].message})` : ''}`,
            );
          }
        },
      },
    );
  };

  const takeStored = () => {
    editor.current?.replaceText(stored.text);
    setText(stored.text);
    setBase({ text: stored.text, version: stored.version });
    setOpen(null);
    showToast({
      tone: 'info',
      title: 'Stored version loaded',
      message: 'Undo (Ctrl+Z) in the editor brings your text back.',
    });
  };
  const keepMine = () => {
    setBase({ text: stored.text, version: stored.version });
    setOpen('diff');
  };

  const discardDraft = () => {
    clearDraft(key);
    editor.current?.replaceText(stored.text);
    setText(stored.text);
    setBase({ text: stored.text, version: stored.version });
    setRestoredAt(null);
  };

  const confirmDelete = () =>
    del.mutate(
      { id: stored.id, version: stored.version },
      {
        onSuccess: () => {
          clearDraft(key);
          showToast({
            tone: 'success',
            title: 'Deleted',
            message: `${storageLabel(stored)} deleted. Delete it in Perses too.`,
          });
          void navigate({ pathname: '/', search: backSearch });
        },
        onSettled: () => setOpen(null),
      },
    );

  const saveLabel = readOnlyReason ? `Save (disabled: ${readOnlyReason})` : 'Save';

  return (
    <section className="page page-editor" aria-label="Resource editor">
      <div className="page-head">
        <div className="title-block">
          <div className="crumbs">
            <Link to={{ pathname: '/', search: backSearch }}>Resources</Link>
            <span aria-hidden="true">/</span>
            <KindBadge kind={stored.kind} />
            {stored.project && <span>{stored.project}</span>}
          </div>
          <h1>
            {stored.name}
            {stored.displayName && stored.displayName !== stored.name && (
              <span className="muted" style={{ fontWeight: 400, fontSize: 14 }}>
                {' '}
                {stored.displayName}
              </span>
            )}
          </h1>
        </div>
        <span className="spacer" />
        {dirty && <span className="badge badge-warn">Unsaved changes</span>}
        <button
          type="button"
          className="btn"
          onClick={() => void formatText(editor.current, text, stored.format)}
          disabled={Boolean(readOnlyReason)}
          title={readOnlyReason ?? 'Format the document'}
        >
          Format
        </button>
        <button
          type="button"
          className="btn btn-danger"
          disabled={Boolean(deleteReason) || deleted}
          title={deleteReason ?? 'Delete this resource'}
          aria-description={deleteReason ?? undefined}
          onClick={() => setOpen('delete')}
        >
          Delete
        </button>
        <button
          type="button"
          className="btn btn-primary"
          disabled={Boolean(readOnlyReason) || deleted || !dirty}
          title={readOnlyReason ?? 'Review the changes, then save (Ctrl/Cmd+S)'}
          aria-label={saveLabel}
          onClick={requestSave}
        >
          Save <span className="kbd">{SAVE_KEY}</span>
        </button>
      </div>

      {readOnlyReason && (
        <div className="banner banner-info" role="note">
          <strong>Read-only.</strong> {readOnlyReason}
        </div>
      )}
      {deleted && (
        <div className="banner banner-error" role="alert">
          <strong>This resource was deleted by someone else.</strong> Your text is kept in the
          editor
          {dirty ? ' and in your draft' : ''}.
        </div>
      )}
      {remoteChanged && dirty && (
        <div className="banner banner-warn" role="alert">
          <strong>Changed by someone else.</strong> A newer version is stored than the one your edit
          started from. Your text is safe.
          <span className="spacer" />
          <button type="button" className="btn" onClick={() => setOpen('conflict')}>
            Compare and resolve
          </button>
        </div>
      )}
      {restoredAt && dirty && (
        <div className="banner banner-info" role="status">
          Restored your unsaved draft from {new Date(restoredAt).toLocaleString()}.
          <span className="spacer" />
          <button type="button" className="btn btn-ghost" onClick={discardDraft}>
            Discard draft
          </button>
        </div>
      )}
      {refused && (
        <div className="banner banner-error" role="alert">
          <strong>Save refused.</strong> {refused}
        </div>
      )}

      <div className="editor-layout">
        <div className="editor-frame">
          <div className="editor-bar">
            <span className="mono">
              {stored.origin.type === 'configmap'
                ? `${stored.origin.namespace}/${stored.origin.name} · ${stored.origin.key}`
                : stored.origin.path}
            </span>
            <span className="spacer" />
            {validating && <span>Validating…</span>}
            <span>{stored.format.toUpperCase()}</span>
          </div>
          <ErrorBoundary section="Editor">
            <CodeEditor
              ref={editor}
              path={stored.id}
              initialText={initial.text}
              format={stored.format}
              readOnly={Boolean(readOnlyReason)}
              findings={findings}
              onChange={setText}
              onMarkers={setMarkers}
              onSave={requestSave}
              label={`${stored.kind} ${stored.name} (${stored.format.toUpperCase()})`}
            />
          </ErrorBoundary>
        </div>
        <SidePanel
          resource={stored}
          markers={markers}
          perses={perses}
          onReveal={(l, c) => editor.current?.reveal(l, c)}
        />
      </div>

      <SaveDiffDialog
        open={open === 'diff'}
        stored={base.text}
        edited={text}
        format={stored.format}
        target={storageLabel(stored)}
        saving={update.isPending}
        onConfirm={confirmSave}
        onClose={() => setOpen(null)}
      />
      <ConflictDialog
        open={open === 'conflict'}
        versions={{
          base: base.text,
          stored: deleted ? null : stored.text,
          storedVersion: stored.version,
          yours: text,
        }}
        format={stored.format}
        onTakeStored={takeStored}
        onKeepMine={keepMine}
        onKeepEditing={() => setOpen(null)}
      />
      {open === 'delete' && (
        <DeleteDialog
          open
          resource={stored}
          deleting={del.isPending}
          onConfirm={confirmDelete}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
