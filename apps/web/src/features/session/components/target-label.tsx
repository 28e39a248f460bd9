import type { Target } from '@perses-cm/api';
import { useWhoAmI } from '../../../lib/session/get-whoami.ts';

export function describeTarget(t: Target): { title: string; detail: string } {
  if (t.type === 'directory') return { title: 'Chart directory', detail: t.path };
  const ns = t.namespaces === 'all' ? 'all namespaces' : t.namespaces.join(', ');
  return { title: t.context ?? t.cluster, detail: ns };
}

/** Header block: what this console edits (who is signing in shows beside it). */
export function TargetLabel() {
  const { data, error } = useWhoAmI();
  if (error) return <span className="target muted">Target unknown</span>;
  if (!data) return <span className="target muted">…</span>;
  const { title, detail } = describeTarget(data.target);
  const fullTitle =
    data.target.type === 'kubernetes'
      ? `Cluster ${data.target.cluster} (${data.target.server}), label ${data.target.label.key}${data.target.label.value ? `=${data.target.label.value}` : ''}`
      : data.target.path;
  return (
    <span className="target" aria-label={`Target: ${title}, ${detail}`} title={fullTitle}>
      <span className="target-kind">
        {data.target.type === 'kubernetes' ? 'cluster' : 'directory'}
      </span>
      <span className="target-name">{title}</span>
      <span className="target-detail">{detail}</span>
    </span>
  );
}
