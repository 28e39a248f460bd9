import { mdiDatabaseOutline, mdiMenuDown } from '@mdi/js';
import type { DatasourceSummary, VariableSummary } from '@perses-cm/resources';
import { Icon } from './icon.tsx';

/** The variables as Perses shows them above the panels: one labelled input each. */
export function VariableBar({ variables }: { variables: VariableSummary[] }) {
  const shown = variables.filter((v) => !v.hidden);
  if (shown.length === 0) return null;
  return (
    <ul className="dp-variables" aria-label="Variables">
      {shown.map((v, i) => (
        <li
          key={`${v.name}-${i}`}
          className="dp-variable"
          title={`$${v.name} · ${v.kind}${v.pluginKind ? ` (${v.pluginKind})` : ''}${v.allowMultiple ? ' · several values' : ''}`}
        >
          <span className="dp-variable-label">{v.label}</span>
          <span className="dp-variable-value">
            {v.value || (v.kind === 'ListVariable' ? 'All' : '')}
          </span>
          {v.kind === 'ListVariable' && <Icon path={mdiMenuDown} size={18} />}
        </li>
      ))}
    </ul>
  );
}

export function DatasourceList({ datasources }: { datasources: DatasourceSummary[] }) {
  if (datasources.length === 0) return null;
  return (
    <ul className="dp-datasources" aria-label="Datasources">
      {datasources.map((d, i) => (
        <li
          key={`${d.pluginKind}-${d.name ?? ''}-${i}`}
          className="dp-chip"
          title={`${d.local ? 'Defined in this dashboard' : 'Named by its queries'} · used by ${d.usedBy} quer${d.usedBy === 1 ? 'y' : 'ies'}`}
        >
          <Icon path={mdiDatabaseOutline} size={12} />
          {d.name ?? `default ${d.pluginKind}`}
          <span className="muted">{d.name ? d.pluginKind.replace(/Datasource$/, '') : ''}</span>
          {d.isDefault && d.name && <span className="muted">default</span>}
        </li>
      ))}
    </ul>
  );
}
