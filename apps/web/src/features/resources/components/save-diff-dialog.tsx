import type { DocFormat } from '@perses-cm/api';
import { Dialog } from '../../../components/dialog.tsx';
import { DiffEditor } from '../../../lib/monaco/diff-editor.tsx';
import { PHONE, useMediaQuery } from '../../../lib/use-media-query.ts';
import { onlyWhitespaceChanged } from '../hooks/change-summary.ts';
import { ApplyNowBox, type ApplyNowChoice } from './apply-now-box.tsx';
import type { PersesVerdict } from '../hooks/use-editor-findings.ts';
import { persesMessageText } from '@perses-cm/resources';

interface Props {
  open: boolean;
  stored: string;
  edited: string;
  format: DocFormat;
  target: string;
  saving: boolean;
  /** Perses's verdict on exactly the text to save; undefined while it is being asked. */
  perses: PersesVerdict | undefined;
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
  perses,
  onConfirm,
  onClose,
  applyNow,
}: Props) {
  const unchanged = stored === edited;
  const refused = perses?.checked === true && perses.valid === false;
  // Two columns of a phone's width break every word: one column, removed lines above added ones.
  const inline = useMediaQuery(PHONE);
  return (
    <Dialog
      open={open}
      title="Review changes"
      onClose={onClose}
      size="xl"
      footer={
        <>
          <span className="muted dialog-foot-note">
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
            {saving ? 'Saving…' : refused ? 'Save anyway' : 'Confirm and save'}
          </button>
        </>
      }
    >
      <PersesNote perses={perses} />
      {/* Only while open: stripping a 900 KB text on every key would slow typing. */}
      {open && onlyWhitespaceChanged(stored, edited) && (
        <div className="banner banner-info" role="status">
          Only whitespace changed (indentation, line breaks or trailing spaces): every change is
          shown below.
        </div>
      )}
      {inline ? (
        <div className="diff-labels diff-labels-inline">Stored lines (−) above your edit (+)</div>
      ) : (
        <div className="diff-labels">
          <span>Stored</span>
          <span>Your edit</span>
        </div>
      )}
      {open && (
        <DiffEditor
          original={stored}
          modified={edited}
          format={format}
          label="Changes to save"
          inline={inline}
        />
      )}
    </Dialog>
  );
}

/** Before the user confirms: whether Perses takes this exact text, and why not when it does not. */
function PersesNote({ perses }: { perses: PersesVerdict | undefined }) {
  if (!perses)
    return (
      <div className="banner banner-info" role="status">
        Asking Perses about this text…
      </div>
    );
  if (!perses.checked)
    return (
      <div className="banner banner-info" role="status">
        Perses did not check this text: {perses.skipped}
      </div>
    );
  if (perses.valid)
    return (
      <div className="banner banner-ok" role="status">
        Perses accepts this document.
      </div>
    );
  return (
    <div className="banner banner-error" role="alert">
      <div>
        <strong>Perses refuses this document:</strong> the ConfigMap can still be saved, but
        provisioning will keep the old version and log the error until this is fixed.
        <pre className="perses-message">{persesMessageText(perses.message ?? '')}</pre>
      </div>
    </div>
  );
}
