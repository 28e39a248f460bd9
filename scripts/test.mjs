#!/usr/bin/env node
// `pnpm test`: every suite the project has, then one closing line `N passed, N failed, N skipped`.
// Lint and typecheck count as one check each, so a lint error fails the run visibly. A skipped test
// fails the run too: every test must run here (and in CI), or say why it cannot by failing.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];
// What failed (or passed only on retry), with the first lines of its error: printed again beside
// the closing line, so a log cut to its tail still says what went wrong.
const digest = [];

function firstLines(text, n = 12) {
  // Playwright and vitest colour their messages; the digest is read as plain text.
  // eslint-disable-next-line no-control-regex
  const plain = String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '');
  return plain
    .split('\n')
    .slice(0, n)
    .map((l) => `    ${l}`);
}

function run(cmd, args, env = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status === 0;
}

function check(name, cmd, args) {
  const ok = run(cmd, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  lines.push(`${name}: ${ok ? 'passed' : 'FAILED'}`);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

function suite(name, ok, counts) {
  if (!counts) {
    // The runner died before writing its report: that is a failure, not "no tests".
    totals.failed += 1;
    lines.push(`${name}: FAILED (no report)`);
    return;
  }
  const failed = counts.failed + (ok || counts.failed > 0 ? 0 : 1);
  totals.passed += counts.passed;
  totals.failed += failed;
  totals.skipped += counts.skipped;
  const skipNote = counts.skipped > 0 ? ' (a skipped test fails the run)' : '';
  const flakyNote = counts.flaky > 0 ? ` (${counts.flaky} of them on retry, listed above)` : '';
  lines.push(
    `${name}: ${counts.passed} passed${flakyNote}, ${failed} failed, ${counts.skipped} skipped${skipNote}`,
  );
}

check('lint', 'pnpm', ['-s', 'lint']);
check('typecheck', 'pnpm', ['-s', 'typecheck']);

const rootPkg = readJson(join(root, 'package.json'));
if (rootPkg?.scripts?.['stack:build'] && process.env.PERSES_CM_STACK !== 'skip') {
  check('stack binaries', 'pnpm', ['-s', 'stack:build']);
}

const vitestReport = join(reports, 'vitest.json');
const vitestArgs = ['exec', 'vitest', 'run', '--reporter=default', '--reporter=json'];
vitestArgs.push(`--outputFile.json=${vitestReport}`);
if (process.env.PERSES_CM_STACK === 'skip')
  vitestArgs.push('--project', 'unit', '--project', 'web');
const vitestOk = run('pnpm', vitestArgs);
const v = readJson(vitestReport);
for (const file of v?.testResults ?? []) {
  for (const t of file.assertionResults) {
    if (t.status !== 'failed') continue;
    digest.push(`vitest FAILED: ${t.fullName} (${file.name.replace(root, '')})`);
    digest.push(...firstLines(t.failureMessages.join('\n')));
  }
}
suite(
  'vitest',
  vitestOk,
  v && {
    passed: v.numPassedTests,
    failed: v.numFailedTests,
    skipped: v.numPendingTests + v.numTodoTests,
  },
);

if (existsSync(join(root, 'e2e/playwright.config.ts')) && process.env.PERSES_CM_STACK !== 'skip') {
  const pwReport = join(reports, 'playwright.json');
  const pwOk = run('pnpm', ['--filter', '@perses-cm/e2e', 'exec', 'playwright', 'test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: pwReport,
  });
  const p = readJson(pwReport);
  const walk = (node) => {
    for (const spec of node.specs ?? []) {
      for (const t of spec.tests) {
        if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
        const label = t.status === 'flaky' ? 'passed on retry' : 'FAILED';
        digest.push(`playwright ${label}: ${spec.file}:${spec.line} ${spec.title}`);
        for (const r of t.results.filter((x) => x.status !== 'passed')) {
          digest.push(...firstLines(r.errors.map((e) => e.message ?? e.value).join('\n')));
        }
      }
    }
    (node.suites ?? []).forEach(walk);
  };
  (p?.suites ?? []).forEach(walk);
  suite(
    'playwright',
    pwOk,
    p && {
      passed: p.stats.expected + p.stats.flaky,
      failed: p.stats.unexpected,
      skipped: p.stats.skipped,
      flaky: p.stats.flaky,
    },
  );
}

if (totals.skipped > 0) lines.push(`FAILED: ${totals.skipped} skipped (no test may be skipped)`);
if (digest.length > 0) console.log('\n' + digest.join('\n'));
console.log('\n' + lines.join('\n'));
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exitCode = totals.failed > 0 || totals.skipped > 0 ? 1 : 0;
