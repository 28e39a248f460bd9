// Rules about where ConfigMaps land: their names in the cluster and the files the sidecar
// writes, for real ConfigMaps and for a chart files/ tree rendered by the docs' template.

import { chartGeneratorConfigMapName, chartGeneratorDataKey } from './configmap-names.ts';
import type { Finding } from './findings.ts';
import { configMapLabel, sidecarFolder } from './lint-entries.ts';
import type { ConfigMapEntry } from './manifest.ts';
import { dns1123SubdomainProblem } from './names.ts';

export function configMapCollisions(cms: ConfigMapEntry[]): Finding[] {
  const findings: Finding[] = [];
  const names = new Map<string, ConfigMapEntry>();
  const paths = new Map<string, { cm: ConfigMapEntry; key: string }>();
  for (const entry of cms) {
    const cm = entry.configMap;
    const at = { path: entry.path, ...(entry.position ?? {}) };
    const id = `${cm.metadata.namespace ?? ''}/${cm.metadata.name}`;
    const earlier = names.get(id);
    if (earlier)
      findings.push({
        ...at,
        severity: 'error',
        rule: 'configmap-name-collision',
        message: `ConfigMap ${configMapLabel(cm)} is also defined in ${earlier.path}: the later one replaces the other`,
      });
    else names.set(id, entry);
    const folder = sidecarFolder(cm);
    for (const key of [...Object.keys(cm.data ?? {}), ...Object.keys(cm.binaryData ?? {})]) {
      const file = folder ? `${folder}/${key}` : key;
      const prior = paths.get(file);
      const pos = entry.keyPositions?.[key];
      if (prior && prior.cm !== entry)
        findings.push({
          path: entry.path,
          ...(pos ? { line: pos.line, column: pos.column } : (entry.position ?? {})),
          severity: 'error',
          rule: 'sidecar-path-collision',
          message: `ConfigMap ${configMapLabel(cm)} key "${key}" and ConfigMap ${configMapLabel(prior.cm.configMap)} key "${prior.key}" are both written to ${file} by the sidecar: the last writer wins and deleting either deletes the file; give every key a cluster-unique name`,
        });
      else paths.set(file, { cm: entry, key });
    }
  }
  return findings;
}

/** What the chart docs' generator template would do with a `files/` tree. */
export function chartTemplatePitfalls(
  files: string[],
  chartPaths: Map<string, string>,
  release: string,
): Finding[] {
  const findings: Finding[] = [];
  const names = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const path of files) {
    const chartPath = chartPaths.get(path);
    if (chartPath === undefined || !chartPath.endsWith('.json')) continue;
    const name = chartGeneratorConfigMapName(release, chartPath);
    const problem = dns1123SubdomainProblem(name);
    const base = { path, severity: 'warning' as const };
    if (problem)
      findings.push({
        ...base,
        rule: 'chart-configmap-name',
        message: `the chart docs' generator template would name this file's ConfigMap "${name}", which ${problem}${name.length === 63 ? ' (cut by trunc 63)' : ''}: Kubernetes refuses it; rename the file or fix the template`,
      });
    const other = names.get(name);
    if (other !== undefined)
      findings.push({
        ...base,
        rule: 'chart-configmap-name',
        message: `the chart docs' generator template gives this file and ${other} the same ConfigMap name "${name}" (cut by trunc 63): one replaces the other`,
      });
    else names.set(name, path);
    const key = chartGeneratorDataKey(chartPath);
    const sameKey = keys.get(key);
    if (sameKey !== undefined)
      findings.push({
        ...base,
        rule: 'sidecar-path-collision',
        message: `this file and ${sameKey} have the same basename "${key}", which the chart docs' generator template uses as data key: the sidecar writes both to the same file; rename one`,
      });
    else keys.set(key, path);
  }
  return findings;
}
