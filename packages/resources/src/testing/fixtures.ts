// Test-only access to the shared real Perses data. The package itself never does I/O; tests may.
import { readFileSync, readdirSync } from 'node:fs';

/** `../shared/fixtures/perses-dev-data` next to the repository, as the project's docs lay it out. */
export const FIXTURES_DIR = new URL(
  '../../../../../shared/fixtures/perses-dev-data/',
  import.meta.url,
);

export function fixtureText(file: string): string {
  return readFileSync(new URL(file, FIXTURES_DIR), 'utf8');
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
