import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. One worker: the machine has two cores and the
// tests share one stack. The JSON report path comes from PLAYWRIGHT_JSON_OUTPUT_NAME (scripts/test.mjs).
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results/artifacts',
  globalSetup: './fixtures/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  // One retry: the real stack on a loaded two-core machine can miss a wait once. A test that passes
  // only on retry is listed with its first error in the closing digest of `pnpm test`.
  retries: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json']],
  use: {
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'directory', testMatch: /directory\/.*\.spec\.ts/ },
    { name: 'kubernetes', testMatch: /kubernetes\/.*\.spec\.ts/ },
  ],
});
