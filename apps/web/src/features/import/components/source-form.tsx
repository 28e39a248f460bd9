// Where an import reads from, and where it places what has no place of its own: the namespace of
// new ConfigMaps (the first watched one when empty) and the project of Grafana dashboards and
// perses-operator resources.
import { useState, type FormEvent } from 'react';
import type { Placement } from '../api/import-api.ts';

export type SourceChoice =
  | { source: 'files'; files: File[] }
  | { source: 'perses' }
  | { source: 'operator' }
  | { source: 'grafana'; files: File[] };

export function SourceForm({
  busy,
  onPreview,
}: {
  busy: boolean;
  onPreview: (choice: SourceChoice, at: Placement) => void;
}) {
  const [source, setSource] = useState<SourceChoice['source']>('files');
  const [files, setFiles] = useState<File[]>([]);
  const [namespace, setNamespace] = useState('');
  const [project, setProject] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const at = { namespace: namespace || undefined, project: project || undefined };
    onPreview(source === 'perses' || source === 'operator' ? { source } : { source, files }, at);
  };
  const needsFile = source === 'files' || source === 'grafana';
  return (
    <form className="import-form" onSubmit={submit} aria-label="Import source">
      <fieldset>
        <legend>Source</legend>
        {(
          [
            ['files', 'Files or an archive (.json, .yaml, .zip, .tgz)'],
            ['perses', 'Perses: what it serves that no ConfigMap backs'],
            ['operator', 'The cluster: its perses-operator custom resources'],
            ['grafana', 'A Grafana dashboard (JSON), migrated by Perses'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="field-inline">
            <input
              type="radio"
              name="source"
              value={value}
              checked={source === value}
              onChange={() => setSource(value)}
            />
            {label}
          </label>
        ))}
      </fieldset>
      {needsFile && (
        <label className="field">
          {source === 'grafana' ? 'Grafana dashboard JSON' : 'Files'}
          <input
            type="file"
            multiple={source === 'files'}
            accept={source === 'grafana' ? '.json' : '.json,.yaml,.yml,.zip,.tgz,.tar,.gz'}
            onChange={(e) => setFiles([...(e.target.files ?? [])])}
          />
        </label>
      )}
      <label className="field">
        Namespace (empty: the first watched)
        <input className="input" value={namespace} onChange={(e) => setNamespace(e.target.value)} />
      </label>
      <label className="field">
        Project {source === 'grafana' ? '(required)' : '(for operator resources, optional)'}
        <input className="input" value={project} onChange={(e) => setProject(e.target.value)} />
      </label>
      <button
        type="submit"
        className="btn btn-primary"
        disabled={busy || (needsFile && files.length === 0) || (source === 'grafana' && !project)}
      >
        Preview
      </button>
    </form>
  );
}
