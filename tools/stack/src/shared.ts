// The one place that knows where the data shared by every checkout lives: `../shared` beside the
// repository (or PERSES_CM_SHARED). Tests, the stack build and the stack itself ask here.
import { join } from 'node:path';
import { readStackSettings } from './config.ts';

export interface SharedPaths {
  root: string;
  /** Real Perses resources: the Perses project's own development data. */
  fixtures: string;
  /** `<name>@v<version>` module trees of the Perses plugins the Go module proxy does not serve. */
  persesPlugins: string;
  /** The upstream `perses` Helm chart (perses/helm-charts). */
  persesChart: string;
}

export function sharedPaths(env: NodeJS.ProcessEnv = process.env): SharedPaths {
  const root = readStackSettings(env).sharedDir;
  return {
    root,
    fixtures: join(root, 'fixtures', 'perses-dev-data'),
    persesPlugins: join(root, 'perses-plugins'),
    persesChart: join(root, 'perses-helm-chart', 'perses'),
  };
}

/** A file of the Perses development data, e.g. `fixture('9-dashboard.json')`. */
export function fixturePath(file: string): string {
  return join(sharedPaths().fixtures, file);
}
