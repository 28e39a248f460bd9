// The Helm values for the chosen settings and the command that applies them, each with a copy
// button: the console never patches Helm-managed objects itself.
import { useState } from 'react';
import type { SettingsView } from '@perses-cm/api';

function CopyButton({ text, what }: { text: string; what: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn"
      onClick={() =>
        void navigator.clipboard.writeText(text).then(
          () => setCopied(true),
          () => setCopied(false),
        )
      }
    >
      {copied ? 'Copied' : `Copy ${what}`}
    </button>
  );
}

export function HelmValues({ helm }: { helm: SettingsView['helm'] }) {
  return (
    <section className="panel settings-helm" aria-label="Helm values">
      <h2>Helm values</h2>
      <p className="muted">
        Save them as <code>perses-sidecar-values.yaml</code> and run the command: the perses chart
        renders the sidecar and Perses with these values.
      </p>
      <pre className="mono settings-code" aria-label="Values snippet">
        {helm.values}
      </pre>
      <CopyButton text={helm.values} what="values" />
      <pre className="mono settings-code" aria-label="Helm command">
        {helm.command}
      </pre>
      <CopyButton text={helm.command} what="command" />
    </section>
  );
}
