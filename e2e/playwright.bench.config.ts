import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

// `pnpm bench`: the web console's speed targets, measured in the same Chromium as the e2e tests.
// No global setup: a bench starts only the directory server it measures.
export default defineConfig({
  ...base,
  testDir: './bench',
  testMatch: /.*\.bench\.ts/,
  // The Kubernetes list bench needs the console that apps/server/bench/kubernetes.ts starts.
  testIgnore: process.env['BENCH_CONSOLE_URL'] ? [] : [/list-kubernetes/],
  globalSetup: undefined,
  // A missed target is the figure: a retry would hide it (and seed a bench's files again).
  retries: 0,
  projects: undefined,
  // Playwright's own trace snapshots the page around each action: work the page would not do.
  use: { ...base.use, trace: 'off' },
  reporter: [['list']],
  outputDir: './test-results/bench',
});
