// The perses chart's values (0.23.x) for the chosen settings, and the `helm upgrade` that applies
// them. The chart has keys for the label, its value and all-namespaces; the sidecar's namespace
// list, UNIQUE_FILENAMES and FOLDER_ANNOTATION go through `sidecar.extraEnvVars`, which the chart
// appends verbatim (a NAMESPACE there also makes it skip its own `NAMESPACE=ALL` and grant a
// ClusterRole). The console never patches Helm-managed objects itself.
import type { ConsoleSettings, DiscoveredSetup } from '@perses-cm/api';
import { stringify } from 'yaml';
import { SIDECAR_FOLDER_ANNOTATION } from '../../domain/model.ts';

export const VALUES_FILE = 'perses-sidecar-values.yaml';

interface EnvVar {
  name: string;
  value: string;
}

/**
 * `--reuse-values` replaces a list whole, so the sidecar env the console does not manage
 * (METHOD, RESOURCE set through extraEnvVars) is carried over from what runs.
 */
function extraEnvVars(s: ConsoleSettings, running: DiscoveredSetup['sidecar']): EnvVar[] {
  const env: EnvVar[] = [];
  if (s.sidecar.namespaces !== 'ALL')
    env.push({ name: 'NAMESPACE', value: s.sidecar.namespaces.join(',') });
  if (s.sidecar.uniqueFilenames) env.push({ name: 'UNIQUE_FILENAMES', value: 'true' });
  if (s.sidecar.folderAnnotation !== SIDECAR_FOLDER_ANNOTATION)
    env.push({ name: 'FOLDER_ANNOTATION', value: s.sidecar.folderAnnotation });
  const method = running?.env.METHOD;
  if (method) env.push({ name: 'METHOD', value: method });
  return env;
}

export function helmValues(s: ConsoleSettings, running: DiscoveredSetup['sidecar']): string {
  const values = {
    sidecar: {
      enabled: true,
      label: s.label.key,
      // The chart quotes it; empty means any value of the label.
      labelValue: s.label.value ?? '',
      allNamespaces: s.sidecar.namespaces === 'ALL',
      extraEnvVars: extraEnvVars(s, running),
    },
    config: { provisioning: { interval: s.provisioningInterval } },
  };
  return stringify(values, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
}

/** The release and namespace of the workload found, else placeholders. */
export function helmCommand(release: string | null, namespace: string | null): string {
  const ns = namespace ? ` --namespace ${namespace}` : '';
  return `helm upgrade ${release ?? '<release>'} perses/perses${ns} --reuse-values -f ${VALUES_FILE}`;
}
