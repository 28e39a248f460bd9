// Test-only access to the shared real Perses data. The package itself never does I/O; tests may.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { sharedPaths } from '@perses-cm/stack/shared';

/** The Perses project's development data, from the shared folder beside the repository. */
export const FIXTURES_DIR = sharedPaths().fixtures;

export function fixtureText(file: string): string {
  return readFileSync(join(FIXTURES_DIR, file), 'utf8');
}

export function fixtureFiles(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .sort();
}

export function fixtureJson<T = unknown>(file: string): T {
  return JSON.parse(fixtureText(file)) as T;
}

/** The 16 real dashboards (one file holds them as a JSON array). */
export function realDashboards(): Record<string, unknown>[] {
  return fixtureJson<Record<string, unknown>[]>('9-dashboard.json');
}

/** The sample chart's resource files (`examples/perses-resources/files/**`), by relative path. */
export function exampleFiles(): { path: string; text: string }[] {
  const root = new URL('../../../../examples/perses-resources/files/', import.meta.url);
  return (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => /\.(json|ya?ml)$/.test(f))
    .sort()
    .map((f) => ({ path: f, text: readFileSync(new URL(f, root), 'utf8') }));
}
