// Relabel: a dry run listing every ConfigMap that would change (old → new label), then the writes
// with a progress bar and each failure with why, and a retry of the failed ones.
import { useState } from 'react';
import type { LabelSelector, RelabelPlan } from '@perses-cm/api';
import { relabel, relabelPlan } from '../api/settings.ts';

const text = (l: LabelSelector) => (l.value === undefined ? l.key : `${l.key}=${l.value}`);
/** `key=value`, or `key` for any value. */
function selectorOf(t: string): LabelSelector {
  const [key = '', ...rest] = t.trim().split('=');
  return rest.length ? { key, value: rest.join('=') } : { key };
}

interface Run {
  done: number;
  total: number;
  failures: { item: string; message: string }[];
  finished: boolean;
}

export function RelabelPanel(props: { from: LabelSelector; sidecar: LabelSelector | null }) {
  const [from, setFrom] = useState(text(props.from));
  const [key, setKey] = useState('');
  const [value, setValue] = useState('true');
  const [keepOld, setKeepOld] = useState(false);
  const [plan, setPlan] = useState<RelabelPlan | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);
  const request = (only?: string[]) => ({
    from: selectorOf(from),
    to: { key: key.trim(), ...(value.trim() ? { value: value.trim() } : {}) },
    keepOld,
    ...(only ? { only } : {}),
  });
  const dryRun = () => {
    setError(null);
    setRun(null);
    relabelPlan(request()).then(setPlan, (e: Error) => setError(e.message));
  };
  const apply = (only?: string[]) => {
    setError(null);
    let state: Run = { done: 0, total: 0, failures: [], finished: false };
    setRun(state);
    relabel(request(only), (p) => {
      if (p.type === 'start') state = { ...state, total: p.total };
      else if (p.type === 'item')
        state = {
          ...state,
          done: p.done,
          failures: p.ok
            ? state.failures
            : [...state.failures, { item: `${p.namespace}/${p.name}`, message: p.message ?? '' }],
        };
      else state = { ...state, finished: true };
      setRun(state);
    }).catch((e: Error) => setError(e.message));
  };
  return (
    <section className="panel settings-relabel" aria-label="Relabel">
      <h2>Relabel ConfigMaps</h2>
      <p className="muted">
        From a label (the console&apos;s, <code>{text(props.from)}</code>, unless you name another)
        to a new one, in the namespaces the console watches, each written as you. The sidecar
        watches {props.sidecar ? <code>{text(props.sidecar)}</code> : 'a label not found yet'}.
      </p>
      <div className="toolbar">
        <input
          className="input"
          aria-label="From label"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
        <input
          className="input"
          aria-label="New label key"
          placeholder="new label key"
          value={key}
          onChange={(e) => setKey(e.target.value)}
        />
        <input
          className="input"
          aria-label="New label value"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
        <label className="field-inline">
          <input type="checkbox" checked={keepOld} onChange={(e) => setKeepOld(e.target.checked)} />
          Keep the old label too
        </label>
        <button type="button" className="btn" onClick={dryRun} disabled={!key.trim()}>
          Dry run
        </button>
      </div>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {plan && (
        <>
          <p>
            {plan.items.length} ConfigMap{plan.items.length === 1 ? '' : 's'} would change.{' '}
            {plan.note}
          </p>
          <div className="settings-scroll settings-plan">
            <table className="plan-table" aria-label="Relabel plan">
              <tbody>
                {plan.items.map((i) => (
                  <tr key={`${i.namespace}/${i.name}`}>
                    <td className="mono">{`${i.namespace}/${i.name}`}</td>
                    <td className="mono">{`${i.before} → ${i.after}`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            className="btn btn-primary solid"
            disabled={plan.items.length === 0 || (run !== null && !run.finished)}
            onClick={() => apply()}
          >
            Relabel {plan.items.length} ConfigMaps
          </button>
        </>
      )}
      {run && (
        <div className="settings-progress" aria-label="Relabel progress">
          <progress value={run.done} max={run.total || 1} aria-label="Relabelled" />
          <span>
            {run.done} of {run.total} done
            {run.finished
              ? `: ${run.total - run.failures.length} relabelled, ${run.failures.length} failed`
              : '…'}
          </span>
          {run.failures.length > 0 && (
            <ul className="text-error" aria-label="Failures">
              {run.failures.map((f) => (
                <li key={f.item}>
                  <code>{f.item}</code>: {f.message}
                </li>
              ))}
            </ul>
          )}
          {run.finished && run.failures.length > 0 && (
            <button
              type="button"
              className="btn"
              onClick={() => apply(run.failures.map((f) => f.item))}
            >
              Retry {run.failures.length} failed
            </button>
          )}
        </div>
      )}
    </section>
  );
}
