import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests (no servers), web component tests (jsdom), and integration
// tests (`*.int.test.ts`) that run against one real stack started by the global setup.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['{packages,apps,tools}/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'apps/web/**', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'web',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          environment: 'jsdom',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['{packages,apps,tools}/*/src/**/*.int.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          globalSetup: ['tools/stack/src/vitest-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One real stack is shared; files run one at a time so they do not race on it.
          fileParallelism: false,
        },
      },
    ],
  },
});
