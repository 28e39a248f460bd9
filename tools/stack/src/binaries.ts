import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from './config.ts';

/** Pinned versions, read from the same file the build script sources. */
export function readVersions(): Record<string, string> {
  const text = readFileSync(join(packageDir, 'scripts', 'versions.sh'), 'utf8');
  const versions: Record<string, string> = {};
  for (const m of text.matchAll(/^([A-Z_]+)=(\S+)$/gm)) {
    if (m[1] && m[2]) versions[m[1]] = m[2];
  }
  return versions;
}

export interface Binaries {
  etcd: string;
  kubeApiserver: string;
  kubectl: string;
  perses: string;
  helm: string;
  /** Folder of assembled Perses plugin folders. */
  persesPlugins: string;
}

export function locateBinaries(cacheDir: string): Binaries {
  const v = readVersions();
  const at = (component: string, version: string | undefined, file: string) =>
    join(cacheDir, `${component}-${version ?? 'unknown'}`, file);
  const k8s = v['KUBERNETES_VERSION'];
  const bins: Binaries = {
    etcd: at('etcd', v['ETCD_VERSION'], 'etcd'),
    kubeApiserver: at('kubernetes', k8s, 'kube-apiserver'),
    kubectl: at('kubernetes', k8s, 'kubectl'),
    perses: at('perses', v['PERSES_VERSION'], 'perses'),
    helm: at('helm', v['HELM_VERSION'], 'helm'),
    persesPlugins: join(cacheDir, `perses-plugins-${v['PERSES_VERSION'] ?? 'unknown'}`),
  };
  const missing = Object.values(bins).filter((p) => !existsSync(p));
  const missingPlugins = join(bins.persesPlugins, 'MISSING');
  if (existsSync(missingPlugins)) {
    const list = readFileSync(missingPlugins, 'utf8').trim().split('\n').join(', ');
    missing.push(
      `Perses plugins ${list} (the Go module proxy does not serve them; see PERSES_PLUGINS_SRC in tools/stack/README.md)`,
    );
  }
  if (missing.length > 0) {
    throw new Error(`stack binaries missing (run \`pnpm stack:build\`): ${missing.join(', ')}`);
  }
  return bins;
}
