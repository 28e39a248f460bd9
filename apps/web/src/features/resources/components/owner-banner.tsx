import { useState } from 'react';
import type { ResourceDetail } from '@perses-cm/api';
import { configMapManifest } from '@perses-cm/resources';
import { Dialog } from '../../../components/dialog.tsx';

/**
 * A tool writes this ConfigMap back (Helm, Argo CD, Flux): say so before any edit, and offer the
 * ConfigMap as a manifest with the text being edited, to change where it really lives.
 */
export function OwnerBanner({ resource, text }: { resource: ResourceDetail; text: string }) {
  const [open, setOpen] = useState(false);
  const owner = resource.owner;
  if (!owner || resource.origin.type !== 'configmap') return null;
  const origin = resource.origin;
  return (
    <>
      <div className="banner banner-warn" role="note" aria-label="Managed elsewhere">
        <span>
          <strong>Managed by {owner.tool}.</strong> {owner.message}.
        </span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setOpen(true)}>
          Copy as manifest
        </button>
      </div>
      {open && (
        <ManifestDialog
          manifest={configMapManifest(origin, { [origin.key]: text })}
          where={owner.tool === 'Helm' ? 'the chart' : 'Git'}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

function ManifestDialog(props: { manifest: string; where: string; onClose: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () =>
    navigator.clipboard
      ?.writeText(props.manifest)
      .then(() => setCopied('yes'))
      .catch(() => setCopied('failed')) ?? setCopied('failed');
  return (
    <Dialog
      open
      title="ConfigMap manifest"
      onClose={props.onClose}
      size="lg"
      footer={
        <>
          <span className="muted" role="status" style={{ marginRight: 'auto' }}>
            {copied === 'yes'
              ? 'Copied to the clipboard.'
              : copied === 'failed'
                ? 'The browser refused the clipboard: select the text and copy it.'
                : `Commit it to ${props.where}; the next sync applies it.`}
          </span>
          <button type="button" className="btn" onClick={props.onClose}>
            Close
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void copy()} autoFocus>
            Copy
          </button>
        </>
      }
    >
      <textarea
        className="manifest-text mono"
        aria-label="ConfigMap manifest (YAML)"
        readOnly
        value={props.manifest}
        onFocus={(e) => e.currentTarget.select()}
      />
    </Dialog>
  );
}
