// Rules about where ConfigMaps land: their names in the linted manifests, and for a chart files/
// tree rendered by the docs' template, the names and files that template leads to. (The files the
// sidecar writes for real ConfigMaps are checked with the other placement rules, cross-rules.ts.)

import { chartGeneratorConfigMapName, chartGeneratorDataKey } from './configmap-names.ts';
import type { Finding } from './findings.ts';
import { configMapLabel } from './lint-entries.ts';
import type { ConfigMapEntry } from './manifest.ts';
import { dns1123SubdomainProblem } from './names.ts';
import { sidecarFilePath } from './sidecar.ts';

/** Two ConfigMaps of the linted manifests with one namespace and name: one replaces the other. */
export function configMapNameCollisions(cms: ConfigMapEntry[]): Finding[] {
  const findings: Finding[] = [];
  const names = new Map<string, ConfigMapEntry>();
  for (const entry of cms) {
    const cm = entry.configMap;
    const id = `${cm.metadata.namespace ?? ''}/${cm.metadata.name}`;
    const earlier = names.get(id);
    if (earlier)
      findings.push({
        path: entry.path,
        ...(entry.position ?? {}),
        severity: 'error',
        rule: 'configmap-name-collision',
        message: `ConfigMap ${configMapLabel(cm)} is also defined in ${earlier.path}: the later one replaces the other`,
      });
    else names.set(id, entry);
  }
  return findings;
}

/** What the chart docs' generator template would do with a `files/` tree. */
export function chartTemplatePitfalls(
  paths: string[],
  chartPaths: Map<string, string>,
  release: string,
): Finding[] {
  const findings: Finding[] = [];
  const names = new Map<string, string>();
  const files = new Map<string, string>();
  for (const path of paths) {
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
    const file = sidecarFilePath({ name }, key);
    const sameFile = files.get(file);
    if (sameFile !== undefined)
      findings.push({
        ...base,
        rule: 'sidecar-path-collision',
        message: `this file and ${sameFile} have the same basename "${key}", which the chart docs' generator template uses as data key: the sidecar writes both to ${file}; rename one`,
      });
    else files.set(file, path);
  }
  return findings;
}
