import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir, readStackSettings } from './config.ts';

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
  /** `<name>@<version>` of the plugins that could not be assembled (see `MISSING`). */
  missingPlugins: string[];
}

export function locateBinaries(cacheDir: string, requirePlugins = false): Binaries {
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
    missingPlugins: [],
  };
  const missing = Object.values(bins).filter((p) => typeof p === 'string' && !existsSync(p));
  // Missing plugins stop the stack only when required (CI): otherwise Perses runs with the
  // others, and the tests that need the real schemas fail with the reason (testing/plugins.ts).
  const missingList = join(bins.persesPlugins, 'MISSING');
  if (existsSync(missingList)) {
    bins.missingPlugins = readFileSync(missingList, 'utf8').trim().split('\n').filter(Boolean);
  }
  if (missing.length > 0) {
    throw new Error(`stack binaries missing (run \`pnpm stack:build\`): ${missing.join(', ')}`);
  }
  if (requirePlugins && bins.missingPlugins.length > 0) {
    throw new Error(
      `Perses plugins missing with STACK_REQUIRE_PLUGINS=1: ${bins.missingPlugins.join(', ')} ` +
        '(see "Plugins" in tools/stack/README.md)',
    );
  }
  return bins;
}

/** The binaries of the configured cache, as the stack and the tests use them. */
export function stackBinaries(): Binaries {
  const settings = readStackSettings();
  return locateBinaries(settings.cacheDir, settings.requirePlugins);
}
