import { useEffect, useMemo, useRef, useState } from 'react';
import type { ResourceDetail } from '@perses-cm/api';
import { ErrorBoundary } from '../../../components/error-boundary.tsx';
import { EditorWithPreview } from '../../../components/editor-preview-slot.tsx';
import { ResourceStatusSlot } from '../../../components/resource-status-slot.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { CodeEditor, type CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import type { MarkerSummary } from '../../../lib/monaco/markers.ts';
import { usePermission } from '../../../lib/session/use-permission.ts';
import { useApplyNowChoice } from '../hooks/use-apply-now-choice.ts';
import { useDocumentBytes } from '../hooks/use-document-bytes.ts';
import { useEditSession } from '../hooks/use-edit-session.ts';
import { formatText } from '../hooks/format-text.ts';
import { useEditorFindings } from '../hooks/use-editor-findings.ts';
import { saveBlockedReason, useSaveFlow } from '../hooks/use-save-flow.ts';
import { useSaveShortcut } from '../hooks/use-save-shortcut.ts';
import { storageLabel } from '../hooks/storage-label.ts';
import { ConflictDialog } from './conflict-dialog.tsx';
import { EditorDeleteDialog } from './editor-delete-dialog.tsx';
import { EditorBanners } from './editor-banners.tsx';
import { EditorBar } from './editor-bar.tsx';
import { EditorHead } from './editor-head.tsx';
import { OwnerBanner } from './owner-banner.tsx';
import { SaveDiffDialog } from './save-diff-dialog.tsx';
import { SidePanel } from './side-panel.tsx';
import { SplitDialog } from './split-dialog.tsx';

interface Props {
  stored: ResourceDetail;
  /** Set when the last refetch failed; not_found means someone deleted the resource. */
  storedError: unknown;
  backSearch: string;
}

const NO_MARKERS: MarkerSummary = { errors: 0, warnings: 0, list: [] };

export function ResourceEditor({ stored, storedError, backSearch }: Props) {
  const [markers, setMarkers] = useState<MarkerSummary>(NO_MARKERS);
  const editor = useRef<CodeEditorHandle>(null);
  const deleted = isApiError(storedError, 'not_found');
  const session = useEditSession(stored, deleted, editor);
  const { base, text, dirty, remoteChanged } = session;

  const canUpdate = usePermission('update', stored.namespace);
  const canDelete = usePermission('delete', stored.namespace);
  const readOnlyReason =
    stored.readOnly ?? (canUpdate.allowed ? null : (canUpdate.reason ?? 'Not allowed'));
  const deleteReason =
    stored.readOnly ?? (canDelete.allowed ? null : (canDelete.reason ?? 'Not allowed'));

  const bytes = useDocumentBytes(text);
  const editorFindings = useEditorFindings(
    text,
    stored.format,
    bytes,
    stored.text,
    stored.findingList,
  );
  const blocked = saveBlockedReason({ readOnly: readOnlyReason, deleted, dirty, markers });
  const flow = useSaveFlow(stored, session, editor, blocked, markers);
  const { open, setOpen } = flow;
  useSaveShortcut(flow.requestSave);
  const findings = useMemo(
    () =>
      flow.rejectedFindings
        ? [...editorFindings.findings, ...flow.rejectedFindings]
        : editorFindings.findings,
    [editorFindings.findings, flow.rejectedFindings],
  );
  const applyNow = useApplyNowChoice(
    { open: open === 'diff', text, format: stored.format, bytes },
    open === 'delete',
  );

  // A resource inside a list: open the editor where it starts, not at the top of the file.
  useEffect(() => {
    if (stored.at) editor.current?.reveal(stored.at.line, stored.at.column);
    // Once per resource: later changes of the text keep the user's own position.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stored.id]);

  return (
    <section className="page page-editor" aria-label="Resource editor">
      <EditorHead
        stored={stored}
        backSearch={backSearch}
        dirty={dirty}
        saveBlocked={blocked}
        formatBlocked={readOnlyReason}
        deleteBlocked={deleteReason ?? (deleted ? 'The resource was deleted.' : null)}
        canSplit={stored.at !== undefined && !stored.unlabeled}
        onFormat={() => void formatText(editor.current, text, stored.format)}
        onDelete={() => setOpen('delete')}
        onSplit={() => setOpen('split')}
        onSave={flow.requestSave}
      />

      <OwnerBanner resource={stored} text={text} />
      <EditorBanners
        readOnlyReason={readOnlyReason}
        deleted={deleted}
        dirty={dirty}
        remoteChanged={remoteChanged}
        restoredAt={session.restoredAt}
        refused={flow.refused}
        onResolve={() => setOpen('conflict')}
        onDiscardDraft={() => session.discardDraft()}
      />
      <ResourceStatusSlot
        resource={stored}
        editor={editor}
        readOnlyReason={readOnlyReason}
        dirty={dirty}
      />

      <div className="editor-layout">
        <div className="editor-frame">
          <EditorBar
            where={
              stored.origin.type === 'configmap'
                ? `${stored.origin.namespace}/${stored.origin.name} · ${stored.origin.key}`
                : stored.origin.path
            }
            bytes={bytes}
            validating={editorFindings.validating}
            format={stored.format}
          />
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
                onSave={flow.requestSave}
                label={`${stored.kind} ${stored.name} (${stored.format.toUpperCase()})`}
              />
            </EditorWithPreview>
          </ErrorBoundary>
        </div>
        <SidePanel
          resource={stored}
          base={base}
          bytes={bytes}
          markers={markers}
          perses={editorFindings.perses}
          onReveal={(l, c) => editor.current?.reveal(l, c)}
        />
      </div>

      <SaveDiffDialog
        open={open === 'diff'}
        stored={base.text}
        edited={text}
        format={stored.format}
        target={storageLabel(stored)}
        saving={flow.saving}
        perses={applyNow.verdict}
        onConfirm={() => flow.confirmSave(applyNow.applyingSave)}
        onClose={() => setOpen(null)}
        applyNow={applyNow.reviewChoice}
      />
      <ConflictDialog
        open={open === 'conflict'}
        versions={{
          base: base.text,
          stored: deleted ? null : stored.text,
          storedVersion: stored.version,
          storedChange: stored.lastChange,
          yours: text,
        }}
        format={stored.format}
        onTakeStored={flow.takeStored}
        onKeepMine={flow.keepMine}
        onMerge={flow.merge}
        onKeepEditing={() => setOpen(null)}
      />
      {open === 'delete' && (
        <EditorDeleteDialog
          stored={stored}
          applyNow={applyNow.choice}
          applying={applyNow.applying}
          backSearch={backSearch}
          onDeleted={session.forgetDraft}
          onClose={() => setOpen(null)}
        />
      )}
      {open === 'split' && <SplitDialog resource={stored} onClose={() => setOpen(null)} />}
    </section>
  );
}
