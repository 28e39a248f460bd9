// The Settings page: the console's settings beside what runs (the sidecar's env, Perses's config),
// every mismatch in words, the worst-case lag, the Helm values to apply, and relabel (on a cluster:
// a chart directory's files carry no ConfigMap labels).
import type { SettingsView } from '@perses-cm/api';
import { ErrorState, LoadingState } from '../../../components/states.tsx';
import { useWhoAmI } from '../../../lib/session/get-whoami.ts';
import { useSettings } from '../api/settings.ts';
import { HelmValues } from './helm-values.tsx';
import { RelabelPanel } from './relabel-panel.tsx';
import { SettingsForm } from './settings-form.tsx';
import './settings-page.css';

/** A message with `code` spans, as the server words them. */
function Words({ text }: { text: string }) {
  return (
    <>{text.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part))}</>
  );
}

/** Relabel where there are ConfigMaps; in a chart directory, why not (once the target is known). */
function Relabel({ view }: { view: SettingsView }) {
  const who = useWhoAmI();
  if (who.isPending) return null;
  if (who.data?.target.type === 'directory')
    return (
      <section className="panel settings-relabel" aria-label="Relabel">
        <h2>Relabel ConfigMaps</h2>
        <p className="muted">
          Not here: the console edits a chart directory, whose files carry no ConfigMap labels to
          change.
        </p>
      </section>
    );
  return (
    <RelabelPanel from={view.settings.label} sidecar={view.discovered.sidecar?.label ?? null} />
  );
}

const SEVERITY = { blocking: 'badge-error', warning: 'badge-warn', info: 'badge-muted' } as const;

export default function SettingsPage() {
  const view = useSettings();
  if (view.isPending) return <LoadingState label="Looking at the sidecar setup" />;
  if (view.isError)
    return (
      <ErrorState
        title="Cannot read the settings"
        error={view.error}
        onRetry={() => void view.refetch()}
      />
    );
  const v = view.data;
  return (
    <section className="page settings" aria-label="Settings">
      <div className="page-head">
        <div className="title-block">
          <h1>Settings</h1>
          <p className="muted">
            How resources flow from ConfigMaps to Perses: the console&apos;s values (kept in{' '}
            {v.storedIn}) beside what runs. Found: {v.discovered.workload ?? v.discovered.reason}
            {v.discovered.perses ? ` · Perses ${v.discovered.perses.where}` : ''}.
          </p>
        </div>
      </div>
      <section className="panel settings-findings" aria-label="Mismatches">
        <h2>Mismatches</h2>
        <ul>
          {v.findings.map((f) => (
            <li key={f.id} data-severity={f.severity}>
              <span className={`badge ${SEVERITY[f.severity]}`}>{f.severity}</span>{' '}
              <Words text={f.message} />
            </li>
          ))}
          {v.findings.length === 0 && <li>None: what the console writes reaches Perses.</li>}
        </ul>
        <p>
          <strong>Worst-case sync lag:</strong> {v.lag.message}
        </p>
        <ul className="muted">
          {v.newer.map((n) => (
            <li key={n.name}>
              <code>{n.name}</code>: {n.message}
            </li>
          ))}
        </ul>
      </section>
      <SettingsForm view={v} />
      <HelmValues helm={v.helm} />
      <Relabel view={v} />
    </section>
  );
}
