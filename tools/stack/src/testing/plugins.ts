import type { StackEnv } from '../env.ts';

/**
 * Why a test that needs Perses's real plugin schemas cannot run on this stack, or undefined
 * when every plugin of the pinned Perses version is loaded. Use with `it.skipIf(...)` so the
 * run reports the test as skipped, with the reason, instead of failing on an environment gap.
 */
export function missingPluginSchemas(env: StackEnv): string | undefined {
  if (env.persesPluginsMissing.length === 0) return undefined;
  return (
    `Perses plugin schemas unavailable (${env.persesPluginsMissing.join(', ')}); ` +
    'see "Plugins" in tools/stack/README.md'
  );
}
