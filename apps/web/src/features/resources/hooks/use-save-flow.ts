import { useState, type RefObject } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { ConflictDetails, type Finding, type ResourceDetail } from '@perses-cm/api';
import { isApiError } from '../../../lib/api-client.ts';
import type { CodeEditorHandle } from '../../../lib/monaco/code-editor.tsx';
import type { MarkerSummary } from '../../../lib/monaco/markers.ts';
import { showToast } from '../../../lib/toast-store.ts';
import { resourceKeys } from '../api/keys.ts';
import { useUpdateResource } from '../api/update-resource.ts';
import { findingsFromError } from './findings-from-error.ts';
import { storageLabel } from './storage-label.ts';
import type { MergeOutcome } from './three-way-merge.ts';
import type { useEditSession } from './use-edit-session.ts';

export type Open = null | 'diff' | 'conflict' | 'delete' | 'split';

type Session = ReturnType<typeof useEditSession>;

/**
 * Errors that stop a save. Perses's own refusal does not: the ConfigMap is the user's, and the
 * review says "Perses refuses this document" before they confirm.
 */
export function blockingErrors(markers: MarkerSummary): MarkerSummary['list'] {
  return markers.list.filter((m) => m.severity === 'error' && m.source !== 'perses');
}

/** The reason Save is off, in words, or null. The first error is named so it can be found. */
export function saveBlockedReason(opts: {
  readOnly: string | null;
  deleted: boolean;
  dirty: boolean;
  markers: MarkerSummary;
}): string | null {
  if (opts.readOnly) return opts.readOnly;
  if (opts.deleted) return 'The resource was deleted.';
  const errors = blockingErrors(opts.markers);
  const first = errors[0];
  if (first)
    return `Fix ${errors.length} error${errors.length === 1 ? '' : 's'} before saving: line ${first.line}: ${first.message}`;
  if (!opts.dirty) return 'No changes to save: the text is the same as the stored version.';
  return null;
}

/**
 * Review, save, and what follows a refusal: a 409 opens the conflict view with what is stored
 * now; a 400 keeps the server's findings on the text that was sent. Merge loads base+theirs+yours.
 */
export function useSaveFlow(
  stored: ResourceDetail,
  session: Session,
  editor: RefObject<CodeEditorHandle | null>,
  blocked: string | null,
  markers: MarkerSummary,
) {
  const qc = useQueryClient();
  const update = useUpdateResource();
  const [open, setOpen] = useState<Open>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const [rejected, setRejected] = useState<{ text: string; findings: Finding[] } | null>(null);
  const { text, base } = session;

  const requestSave = () => {
    if (!session.dirty && !stored.readOnly) {
      showToast({
        tone: 'info',
        title: 'Nothing to save',
        message: 'The text is the same as the stored version.',
      });
      return;
    }
    if (blocked) {
      setRefused(blocked);
      const first = blockingErrors(markers)[0];
      if (first) editor.current?.reveal(first.line, first.column);
      return;
    }
    setRefused(null);
    setOpen(session.remoteChanged ? 'conflict' : 'diff');
  };

  /** Saves; with `applyNow`, also through the Perses API, and the toast says what Perses did. */
  const confirmSave = (applyNow = false) => {
    update.mutate(
      { id: stored.id, text, format: stored.format, version: base.version, applyNow },
      {
        onSuccess: (saved) => {
          session.saved({ text: saved.text, version: saved.version, lastChange: saved.lastChange });
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

  const storedBase = { text: stored.text, version: stored.version, lastChange: stored.lastChange };
  return {
    open,
    setOpen,
    refused,
    /** Findings of the refused save, while the text is still the one sent. */
    rejectedFindings: rejected && rejected.text === text ? rejected.findings : null,
    saving: update.isPending,
    requestSave,
    confirmSave,
    takeStored() {
      session.adopt(storedBase);
      setOpen(null);
      showToast({
        tone: 'info',
        title: 'Stored version loaded',
        message: 'Undo (Ctrl+Z) in the editor brings your text back.',
      });
    },
    keepMine() {
      session.rebase(storedBase);
      setOpen('diff');
    },
    merge(merged: MergeOutcome) {
      session.rebase(storedBase);
      editor.current?.replaceText(merged.text);
      session.setText(merged.text);
      if (merged.conflicts === 0) setOpen('diff');
      else {
        setOpen(null);
        showToast({
          tone: 'info',
          title: 'Merged with conflicts',
          message: `${merged.conflicts} place(s) are marked in the editor: keep the right lines, delete the markers, then save. Undo (Ctrl+Z) brings your text back.`,
        });
      }
    },
  };
}
