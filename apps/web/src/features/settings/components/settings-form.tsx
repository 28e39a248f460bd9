// The console's settings, each beside the value found running; saving puts a new label or new
// namespaces in force at once (the list re-reads, no restart).
import { useState, type ReactNode } from 'react';
import type { ConsoleSettings, SettingsView } from '@perses-cm/api';
import { isApiError } from '../../../lib/api-client.ts';
import { DataTable, type Column } from '../../../components/data-table.tsx';
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

interface Setting {
  name: string;
  /** The editor of the console's value. */
  field: ReactNode;
  /** The value found running, when it was found. */
  running: string | null;
}

const COLUMNS: Column<Setting>[] = [
  { header: 'Setting', rowHeader: true, cell: (r) => r.name },
  { header: 'Console', cell: (r) => r.field },
  { header: 'Running', className: 'mono', cell: (r) => r.running ?? '—' },
];

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
  const check = (k: 'uniqueFilenames' | 'applyNow', label: string) => (
    <input
      type="checkbox"
      aria-label={label}
      checked={draft[k]}
      onChange={(e) => set(k, e.target.checked)}
    />
  );
  const rows: Setting[] = [
    { name: 'Label key', field: text('key', 'Label key'), running: sc?.label?.key ?? null },
    {
      name: 'Label value',
      field: text('value', 'Label value'),
      running: sc ? (sc.label?.value ?? '(any)') : null,
    },
    {
      name: 'Console namespaces',
      field: text('namespaces', 'Console namespaces'),
      running: null,
    },
    {
      name: 'New resources in',
      field: text('defaultNamespace', 'New resources in'),
      running: null,
    },
    {
      name: 'Sidecar namespaces',
      field: text('sidecarNamespaces', 'Sidecar namespaces'),
      running: sc ? listText(sc.namespaces) : null,
    },
    {
      name: 'UNIQUE_FILENAMES',
      field: check('uniqueFilenames', 'UNIQUE_FILENAMES'),
      running: sc ? String(sc.uniqueFilenames) : null,
    },
    {
      name: 'FOLDER_ANNOTATION',
      field: text('folderAnnotation', 'FOLDER_ANNOTATION'),
      running: sc?.folderAnnotation ?? null,
    },
    {
      name: 'Provisioning interval',
      field: text('interval', 'Provisioning interval'),
      running: p?.interval ?? null,
    },
    {
      name: 'Apply now by default',
      field: check('applyNow', 'Apply now by default'),
      running: null,
    },
  ];
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
      <DataTable
        label="Each setting in the console and running"
        columns={COLUMNS}
        rows={rows}
        rowKey={(r) => r.name}
        className="plan-table"
        scrollClassName="settings-scroll"
      />
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
