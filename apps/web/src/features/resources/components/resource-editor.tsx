import { useMemo, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { ConflictDetails, type Finding, type ResourceDetail } from '@perses-cm/api';
import { KindBadge } from '../../../components/badges.tsx';
import { showToast } from '../../../lib/toast-store.ts';
import { ErrorBoundary } from '../../../components/error-boundary.tsx';
import { EditorWithPreview } from '../../../components/editor-preview-slot.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { CodeEditor, type CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import type { MarkerSummary } from '../../../lib/monaco/markers.ts';
import { usePermission } from '../../../lib/session/use-permission.ts';
import { useDeleteResource } from '../api/delete-resource.ts';
import { resourceKeys } from '../api/keys.ts';
import { useUpdateResource } from '../api/update-resource.ts';
import { useApplyNow } from '../api/get-apply-now.ts';
import { useEditSession } from '../hooks/use-edit-session.ts';
import { findingsFromError } from '../hooks/findings-from-error.ts';
import { formatText } from '../hooks/format-text.ts';
import { useEditorFindings } from '../hooks/use-editor-findings.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { DeleteDialog, storageLabel } from './delete-dialog.tsx';
import { EditorBanners } from './editor-banners.tsx';
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
  const [open, setOpen] = useState<Open>(null);
  const [markers, setMarkers] = useState<MarkerSummary>(NO_MARKERS);
  const [refused, setRefused] = useState<string | null>(null);
  // Findings of a save the server refused, for the text that was sent; shown until it changes.
  const [rejected, setRejected] = useState<{ text: string; findings: Finding[] } | null>(null);
  const editor = useRef<CodeEditorHandle>(null);
  const deleted = isApiError(storedError, 'not_found');
  const session = useEditSession(stored, deleted, editor);
  const { base, text, dirty, remoteChanged } = session;

  const update = useUpdateResource();
  const [applyNowOn, setApplyNowOn] = useState(true);
  const applyNow = useApplyNow(open === 'diff' || open === 'delete');
  const applying = applyNowOn && applyNow.data?.available === true;
  const applyNowChoice = {
    checked: applyNowOn,
    unavailable: applyNow.data
      ? applyNow.data.reason
      : applyNow.error
        ? `the console did not answer (${applyNow.error.message})`
        : undefined,
    onChange: setApplyNowOn,
  };
  const del = useDeleteResource();
  const canUpdate = usePermission('update', stored.namespace);
  const canDelete = usePermission('delete', stored.namespace);
  const readOnlyReason =
    stored.readOnly ?? (canUpdate.allowed ? null : (canUpdate.reason ?? 'Not allowed'));
  const deleteReason =
    stored.readOnly ?? (canDelete.allowed ? null : (canDelete.reason ?? 'Not allowed'));

  const editorFindings = useEditorFindings(text, stored.format, stored.text, stored.findingList);
  const { perses, validating } = editorFindings;
  const findings = useMemo(
    () =>
      rejected && rejected.text === text
        ? [...editorFindings.findings, ...rejected.findings]
        : editorFindings.findings,
    [editorFindings.findings, rejected, text],
  );

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
      { id: stored.id, text, format: stored.format, version: base.version, applyNow: applying },
      {
        onSuccess: (saved) => {
          session.saved({ text: saved.text, version: saved.version });
          setOpen(null);
          const applied = saved.applied;
          showToast({
            tone: !applied || applied.outcome === 'applied' ? 'success' : 'info',
            title: 'Saved',
            message: `${storageLabel(saved)} updated.${applied ? ` ${applied.message}.` : ''}`,
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
    session.adopt({ text: stored.text, version: stored.version });
    setOpen(null);
    showToast({
      tone: 'info',
      title: 'Stored version loaded',
      message: 'Undo (Ctrl+Z) in the editor brings your text back.',
    });
  };
  const keepMine = () => {
    session.rebase({ text: stored.text, version: stored.version });
    setOpen('diff');
  };

  const confirmDelete = () =>
    del.mutate(
      { id: stored.id, version: stored.version, applyNow: applying },
      {
        onSuccess: (applied) => {
          session.forgetDraft();
          showToast({
            tone: !applied || applied.outcome === 'applied' ? 'success' : 'info',
            title: 'Deleted',
            message: `${storageLabel(stored)} deleted. ${applied ? `${applied.message}.` : 'Delete it in Perses too.'}`,
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
        {stored.unlabeled && (
          <span className="badge badge-unlabeled" title={stored.readOnly ?? undefined}>
            unlabeled
          </span>
        )}
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

      <EditorBanners
        readOnlyReason={readOnlyReason}
        deleted={deleted}
        dirty={dirty}
        remoteChanged={remoteChanged}
        restoredAt={session.restoredAt}
        refused={refused}
        onResolve={() => setOpen('conflict')}
        onDiscardDraft={() => session.discardDraft()}
      />

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
            <EditorWithPreview
              kind={stored.kind}
              text={text}
              format={stored.format}
              readOnly={Boolean(readOnlyReason)}
              editor={editor}
            >
              <CodeEditor
                ref={editor}
                path={stored.id}
                initialText={session.initialText}
                format={stored.format}
                readOnly={Boolean(readOnlyReason)}
                findings={findings}
                onChange={session.setText}
                onMarkers={setMarkers}
                onSave={requestSave}
                label={`${stored.kind} ${stored.name} (${stored.format.toUpperCase()})`}
              />
            </EditorWithPreview>
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
        applyNow={applyNowChoice}
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
          applyNow={applyNowChoice}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}
