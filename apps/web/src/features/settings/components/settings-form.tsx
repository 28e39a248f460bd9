// The console's settings, each beside the value found running; saving puts a new label or new
// namespaces in force at once (the list re-reads, no restart).
import { useState, type ReactNode } from 'react';
import type { ConsoleSettings, SettingsView } from '@perses-cm/api';
import { isApiError } from '../../../lib/api-client.ts';
import { useSaveSettings } from '../api/settings.ts';

const listText = (n: string[] | 'all' | 'ALL' | null) =>
  n === null ? '' : Array.isArray(n) ? n.join(', ') : n;
const listOf = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

interface Draft {
  key: string;
  value: string;
  namespaces: string;
  defaultNamespace: string;
  sidecarNamespaces: string;
  uniqueFilenames: boolean;
  folderAnnotation: string;
  interval: string;
  applyNow: boolean;
}

const draftOf = (s: ConsoleSettings): Draft => ({
  key: s.label.key,
  value: s.label.value ?? '',
  namespaces: listText(s.namespaces),
  defaultNamespace: s.defaultNamespace ?? '',
  sidecarNamespaces: listText(s.sidecar.namespaces),
  uniqueFilenames: s.sidecar.uniqueFilenames,
  folderAnnotation: s.sidecar.folderAnnotation,
  interval: s.provisioningInterval,
  applyNow: s.applyNowByDefault,
});

function settingsOf(d: Draft): ConsoleSettings {
  const ns = d.namespaces.trim();
  const sidecar = d.sidecarNamespaces.trim();
  return {
    label: { key: d.key.trim(), ...(d.value.trim() ? { value: d.value.trim() } : {}) },
    namespaces: ns === '' ? null : ns === 'all' ? 'all' : listOf(ns),
    defaultNamespace: d.defaultNamespace.trim() || null,
    sidecar: {
      namespaces: sidecar.toUpperCase() === 'ALL' || sidecar === '' ? 'ALL' : listOf(sidecar),
      uniqueFilenames: d.uniqueFilenames,
      folderAnnotation: d.folderAnnotation.trim(),
    },
    provisioningInterval: d.interval.trim(),
    applyNowByDefault: d.applyNow,
  };
}

function Row(props: { name: string; running: string | null; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{props.name}</th>
      <td>{props.children}</td>
      <td className="mono">{props.running ?? '—'}</td>
    </tr>
  );
}

export function SettingsForm({ view }: { view: SettingsView }) {
  const [draft, setDraft] = useState(() => draftOf(view.settings));
  const save = useSaveSettings();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft({ ...draft, [k]: v });
  const text = (k: keyof Draft, label: string) => (
    <input
      className="input"
      aria-label={label}
      value={String(draft[k])}
      onChange={(e) => set(k, e.target.value)}
    />
  );
  const sc = view.discovered.sidecar;
  const p = view.discovered.perses;
  const fields = save.error && isApiError(save.error) ? save.error.fields : [];
  return (
    <form
      className="panel settings-form"
      aria-label="Console settings"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(settingsOf(draft));
      }}
    >
      <h2>Settings</h2>
      <div className="settings-scroll">
        <table className="plan-table">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              <th scope="col">Console</th>
              <th scope="col">Running</th>
            </tr>
          </thead>
          <tbody>
            <Row name="Label key" running={sc?.label?.key ?? null}>
              {text('key', 'Label key')}
            </Row>
            <Row name="Label value" running={sc ? (sc.label?.value ?? '(any)') : null}>
              {text('value', 'Label value')}
            </Row>
            <Row name="Console namespaces" running={null}>
              {text('namespaces', 'Console namespaces')}
            </Row>
            <Row name="New resources in" running={null}>
              {text('defaultNamespace', 'New resources in')}
            </Row>
            <Row name="Sidecar namespaces" running={sc ? listText(sc.namespaces) : null}>
              {text('sidecarNamespaces', 'Sidecar namespaces')}
            </Row>
            <Row name="UNIQUE_FILENAMES" running={sc ? String(sc.uniqueFilenames) : null}>
              <input
                type="checkbox"
                aria-label="UNIQUE_FILENAMES"
                checked={draft.uniqueFilenames}
                onChange={(e) => set('uniqueFilenames', e.target.checked)}
              />
            </Row>
            <Row name="FOLDER_ANNOTATION" running={sc?.folderAnnotation ?? null}>
              {text('folderAnnotation', 'FOLDER_ANNOTATION')}
            </Row>
            <Row name="Provisioning interval" running={p?.interval ?? null}>
              {text('interval', 'Provisioning interval')}
            </Row>
            <Row name="Apply now by default" running={null}>
              <input
                type="checkbox"
                aria-label="Apply now by default"
                checked={draft.applyNow}
                onChange={(e) => set('applyNow', e.target.checked)}
              />
            </Row>
          </tbody>
        </table>
      </div>
      {save.isError && (
        <div className="banner banner-error" role="alert">
          {save.error.message}
          {fields.length > 0 && (
            <ul>
              {fields.map((f) => (
                <li key={f.field}>
                  <code>{f.field}</code>: {f.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {save.isSuccess && (
        <div className="banner banner-ok" role="status">
          Saved: the console now follows these settings.
        </div>
      )}
      <button type="submit" className="btn btn-primary solid" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}
