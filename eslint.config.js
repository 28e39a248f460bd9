// One lint config for the whole repository; warnings are not allowed (see `pnpm lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { boundariesConfig, fileNamesConfig } from './tools/lint/src/index.js';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.reports/**',
      '**/test-results/**',
      '**/playwright-report/**',
      'examples/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Shared packages stay pure: no server, UI or Kubernetes client code, no I/O.
    files: ['packages/**/*.ts'],
    // Tests (and their helpers) may read fixtures from disk.
    ignores: ['packages/**/*.test.ts', 'packages/**/src/testing/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            'express',
            'react',
            'react-dom',
            '@kubernetes/client-node',
            '@perses-cm/server',
            '@perses-cm/web',
            '@perses-cm/stack',
            '@perses-cm/e2e',
          ],
          patterns: ['node:*', 'fs', 'fs/*', 'http', 'https', 'child_process'],
        },
      ],
    },
  },
  // Which way imports run between layers (packages, server kernel/stores/services/routes, web
  // lib/components/features), and kebab-case file names.
  boundariesConfig,
  fileNamesConfig,
  {
    // process.env is read in one file per app (its config module).
    files: ['apps/**/*.{ts,tsx}', 'packages/**/*.ts'],
    ignores: ['apps/server/src/config.ts', '**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read settings in config.ts only.' },
      ],
    },
  },
);
