// The repository's own ESLint config, run through ESLint's API on small sources placed (in memory,
// never on disk) at real paths of the tree: each wrong-way import must be an error, and the same
// import running the right way must pass, so the rules are neither missing nor too broad.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function errorsOf(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.severity === 2)
    .map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

const importing = (source: string) => `import * as m from '${source}';\nexport const x = m;\n`;

// [file that imports, what it imports, the sentence the error must carry]
const wrongWay: [string, string, string][] = [
  [
    'packages/resources/src/wrong-way.ts',
    '../../../apps/server/src/domain/errors.ts',
    'packages/* import no app',
  ],
  [
    'apps/server/src/domain/wrong-way.ts',
    '../services/resource-service.ts',
    'domain kernel imports no',
  ],
  [
    'apps/server/src/stores/kubernetes/wrong-way.ts',
    '../../services/resource-service.ts',
    'stores import no service or route',
  ],
  ['apps/server/src/stores/wrong-way.ts', '../routes/resources.ts', 'stores import no service'],
  [
    'apps/server/src/services/wrong-way.ts',
    '../middleware/error-handler.ts',
    'services know nothing of HTTP',
  ],
  [
    'apps/web/src/lib/wrong-way.ts',
    '../features/resources/hooks/format-text.ts',
    'lib/ and components/ import no feature',
  ],
  [
    'apps/web/src/components/wrong-way.ts',
    '../features/session/components/target-label.tsx',
    'lib/ and components/ import no feature',
  ],
  ['apps/web/src/lib/monaco/wrong-way.ts', '../../components/dialog.tsx', 'imports nothing from'],
  [
    'apps/web/src/features/session/components/wrong-way.ts',
    '../../resources/hooks/format-text.ts',
    'features do not import each other',
  ],
];

// The same kinds of import, in the direction the layers allow.
const rightWay: [string, string][] = [
  ['packages/resources/src/right-way.ts', './names.ts'],
  ['apps/server/src/stores/kubernetes/right-way.ts', '../../domain/errors.ts'],
  ['apps/server/src/services/right-way.ts', '../stores/store.ts'],
  ['apps/server/src/routes/right-way.ts', '../services/resource-service.ts'],
  ['apps/web/src/components/right-way.ts', '../lib/toast-store.ts'],
  ['apps/web/src/features/session/components/right-way.ts', './target-label.tsx'],
  ['apps/web/src/features/session/components/right-way.ts', '../../../lib/session/get-whoami.ts'],
  ['apps/web/src/app/right-way.ts', '../features/resources/hooks/format-text.ts'],
];

// Loading the config (typescript-eslint, the plugins) takes seconds on a busy machine: do it once,
// outside the tests' own time.
const SLOW = 30_000;
beforeAll(() => errorsOf('apps/web/src/lib/warm-up.ts', 'export {};\n'), 120_000);

describe('lint boundaries', () => {
  it.each(wrongWay)(
    '%s importing %s is an error',
    async (file, source, sentence) => {
      const errors = await errorsOf(file, importing(source));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^boundaries\/dependencies: /);
      expect(errors[0]).toContain(sentence);
    },
    SLOW,
  );

  it.each(rightWay)(
    '%s importing %s passes',
    async (file, source) => {
      expect(await errorsOf(file, importing(source))).toEqual([]);
    },
    SLOW,
  );

  it(
    'refuses an app imported by package name from a package',
    async () => {
      const errors = await errorsOf(
        'packages/api/src/wrong-way.ts',
        importing('@perses-cm/server'),
      );
      expect(errors).toEqual([
        expect.stringMatching(/^no-restricted-imports: .*@perses-cm\/server/),
      ]);
    },
    SLOW,
  );

  it(
    'checks kebab-case file and folder names',
    async () => {
      expect(await errorsOf('apps/web/src/lib/ToastStore.ts', 'export const x = 1;\n')).toEqual([
        expect.stringMatching(/^check-file\/filename-naming-convention: .*ToastStore\.ts/),
      ]);
      expect(await errorsOf('apps/web/src/lib/toast_store/x.ts', 'export const x = 1;\n')).toEqual([
        expect.stringMatching(/^check-file\/folder-naming-convention: .*toast_store/),
      ]);
      expect(
        await errorsOf('apps/web/src/lib/toast-store.test.ts', 'export const x = 1;\n'),
      ).toEqual([]);
    },
    SLOW,
  );

  it('makes the command of `pnpm lint` exit non-zero on a wrong-way import', () => {
    const run = spawnSync(
      process.execPath,
      [
        join(
          dirname(createRequire(import.meta.url).resolve('eslint/package.json')),
          'bin/eslint.js',
        ),
        '--max-warnings',
        '0',
        '--stdin',
        '--stdin-filename',
        'apps/web/src/lib/wrong-way.ts',
      ],
      {
        cwd: root,
        input: importing('../features/resources/hooks/format-text.ts'),
        encoding: 'utf8',
      },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('boundaries/dependencies');
  }, 60_000);
});
