import type { DocFormat } from '@perses-cm/api';
import { isProjectScoped, persesNameProblem, type PersesKind } from '@perses-cm/resources';
import type { DocIdentity, IdentityField } from '../hooks/identity-edit.ts';
import { TEMPLATES } from '../hooks/templates.ts';

interface Props {
  identity: DocIdentity;
  format: DocFormat;
  projects: string[];
  /** Kubernetes targets: the ConfigMap name (empty: the derived one, shown as placeholder). */
  configMap?: { value: string; derived: string | null; problem: string | null };
  onField: (field: IdentityField, value: string) => void;
  onKind: (kind: string) => void;
  onFormat: (format: DocFormat) => void;
  onConfigMapName?: (name: string) => void;
}

/**
 * Kind, project and name as fields, always showing what the document says (a change rewrites
 * that value in the text); the ConfigMap name, which may be chosen; the text's format, which a
 * click converts. Each field says its one problem in words.
 */
export function IdentityForm(p: Props) {
  const { identity } = p;
  const scoped = TEMPLATES.some((t) => t.kind === identity.kind)
    ? isProjectScoped(identity.kind as PersesKind)
    : true;
  const nameProblem = identity.parsed ? persesNameProblem(identity.name) : undefined;
  const known = TEMPLATES.some((t) => t.kind === identity.kind);
  const projects =
    identity.project && !p.projects.includes(identity.project)
      ? [...p.projects, identity.project]
      : p.projects;
  const disabled = !identity.parsed;
  return (
    <fieldset className="identity-form" aria-label="Identity" disabled={false}>
      <label className="field">
        <span>Kind</span>
        <select
          className="input"
          value={known ? identity.kind : ''}
          onChange={(e) => p.onKind(e.target.value)}
        >
          {!known && (
            <option value="">{identity.kind ? `${identity.kind} (not a kind here)` : '—'}</option>
          )}
          {TEMPLATES.map((t) => (
            <option key={t.kind} value={t.kind}>
              {t.title}
            </option>
          ))}
        </select>
      </label>
      {scoped && (
        <label className="field">
          <span>Project</span>
          <select
            className="input"
            value={identity.project}
            disabled={disabled}
            onChange={(e) => p.onField('project', e.target.value)}
          >
            {!identity.project && <option value="">—</option>}
            {projects.map((name) => (
              <option key={name} value={name}>
                {name}
                {p.projects.includes(name) ? '' : ' (no such project yet)'}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span>Name</span>
        <input
          className="input"
          value={identity.name}
          disabled={disabled}
          aria-invalid={Boolean(nameProblem)}
          aria-describedby={nameProblem ? 'name-problem' : undefined}
          onChange={(e) => p.onField('name', e.target.value)}
          spellCheck={false}
        />
        {nameProblem && (
          <small id="name-problem" className="field-problem">
            Name {nameProblem}
          </small>
        )}
      </label>
      {p.configMap && (
        <label className="field field-wide">
          <span>ConfigMap name</span>
          <input
            className="input mono"
            value={p.configMap.value}
            placeholder={p.configMap.derived ?? 'set a kind and a name first'}
            aria-invalid={Boolean(p.configMap.problem)}
            aria-describedby={p.configMap.problem ? 'cm-problem' : undefined}
            onChange={(e) => p.onConfigMapName?.(e.target.value)}
            spellCheck={false}
          />
          {p.configMap.problem && (
            <small id="cm-problem" className="field-problem">
              {p.configMap.problem}
            </small>
          )}
        </label>
      )}
      <div className="field">
        <span>Format</span>
        <div className="segmented" role="group" aria-label="Format">
          {(['json', 'yaml'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className="btn"
              aria-pressed={p.format === f}
              disabled={disabled && p.format !== f}
              title={
                p.format === f
                  ? `The text is ${f.toUpperCase()}`
                  : `Convert the text to ${f.toUpperCase()}`
              }
              onClick={() => p.format !== f && p.onFormat(f)}
            >
              {f.toUpperCase()}
            </button>
          ))}
        </div>
      </div>
    </fieldset>
  );
}
