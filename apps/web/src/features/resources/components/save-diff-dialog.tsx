import type { DocFormat } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';
import { DiffEditor } from '../../../lib/monaco/diff-editor.tsx';
import { onlyWhitespaceChanged } from '../hooks/change-summary.ts';
import { ApplyNowBox, type ApplyNowChoice } from './apply-now-box.tsx';

interface Props {
  open: boolean;
  stored: string;
  edited: string;
  format: DocFormat;
  target: string;
  saving: boolean;
  onConfirm: () => void;
  onClose: () => void;
  /** The "apply now" choice: also write through to Perses after the ConfigMap. */
  applyNow?: ApplyNowChoice;
}

/** Review step before every save: stored vs edited, side by side, unchanged regions folded. */
export function SaveDiffDialog({
  open,
  stored,
  edited,
  format,
  target,
  saving,
  onConfirm,
  onClose,
  applyNow,
}: Props) {
  const unchanged = stored === edited;
  return (
    <Dialog
      open={open}
      title="Review changes"
      onClose={onClose}
      size="xl"
      footer={
        <>
          <span className="muted" style={{ marginRight: 'auto' }}>
            Writes <code>{target}</code>
          </span>
          {applyNow && (
            <ApplyNowBox
              choice={applyNow}
              label="Apply now in Perses"
              hint="Perses serves it in about a second"
            />
          )}
          <button type="button" className="btn" onClick={onClose}>
            Back to editing
          </button>
          <button
            type="button"
            className="btn btn-primary"
            onClick={onConfirm}
            disabled={saving || unchanged}
            autoFocus
          >
            {saving ? 'Saving…' : 'Confirm and save'}
          </button>
        </>
      }
    >
      {onlyWhitespaceChanged(stored, edited) && (
        <div className="banner banner-info" role="status">
          Only whitespace changed (indentation, line breaks or trailing spaces): every change is
          shown below.
        </div>
      )}
      <div className="diff-labels">
        <span>Stored</span>
        <span>Your edit</span>
      </div>
      {open && (
        <DiffEditor original={stored} modified={edited} format={format} label="Changes to save" />
      )}
    </Dialog>
  );
}
