import type { StackEnv } from '../env.ts';

/**
 * Fails the calling test, with the reason, when the stack runs without some plugin of the pinned
 * Perses version: Perses would then validate differently from production. Not a skip: CI counts
 * a skipped test as a failure, and a developer should see why the stack is incomplete.
 */
export function requirePluginSchemas(env: StackEnv): void {
  if (env.persesPluginsMissing.length === 0) return;
  throw new Error(
    `Perses plugin schemas unavailable (${env.persesPluginsMissing.join(', ')}); ` +
      'see "Plugins" in tools/stack/README.md',
  );
}
