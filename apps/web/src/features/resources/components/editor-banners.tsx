interface Props {
  readOnlyReason: string | null;
  deleted: boolean;
  dirty: boolean;
  remoteChanged: boolean;
  restoredAt: number | null;
  refused: string | null;
  onResolve: () => void;
  onDiscardDraft: () => void;
}

/** What the user must know about this edit before anything else. */
export function EditorBanners(p: Props) {
  return (
    <>
      {p.readOnlyReason && (
        <div className="banner banner-info" role="note">
          <strong>Read-only.</strong> {p.readOnlyReason}
        </div>
      )}
      {p.deleted && (
        <div className="banner banner-error" role="alert">
          <strong>This resource was deleted by someone else.</strong> Your text is kept in the
          editor{p.dirty ? ' and in your draft' : ''}.
        </div>
      )}
      {p.remoteChanged && p.dirty && (
        <div className="banner banner-warn" role="alert">
          <strong>Changed by someone else.</strong> A newer version is stored than the one your edit
          started from. Your text is safe.
          <span className="spacer" />
          <button type="button" className="btn" onClick={p.onResolve}>
            Compare and resolve
          </button>
        </div>
      )}
      {p.restoredAt && p.dirty && (
        <div className="banner banner-info" role="status">
          Restored your unsaved draft from {new Date(p.restoredAt).toLocaleString()}.
          <span className="spacer" />
          <button type="button" className="btn btn-ghost" onClick={p.onDiscardDraft}>
            Discard draft
          </button>
        </div>
      )}
      {p.refused && (
        <div className="banner banner-error" role="alert">
          <strong>Save refused.</strong> {p.refused}
        </div>
      )}
    </>
  );
}
