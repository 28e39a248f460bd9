// The Dockerfile cannot be built here (no Docker engine): these checks read it with a real
// Dockerfile parser and hold it to what the image promises.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import ignore from '@balena/dockerignore';
import type { Copy } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { execForm, instructionsOf, properties, readStages, words } from './dockerfile.ts';
import { dockerignorePath, IMAGE_APP_ROOT, repoRoot, SERVER_BUNDLE, WEB_DIST } from './paths.ts';

const stages = readStages();
const runtime = stages.at(-1)!;
const build = stages[0]!;
const readJson = (path: string) =>
  JSON.parse(readFileSync(join(repoRoot, path), 'utf8')) as {
    packageManager?: string;
    scripts?: Record<string, string>;
  };

describe('Dockerfile', () => {
  it('builds in one stage and runs in another', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
  });

  it('pins every base image by exact version tag and digest, never latest', () => {
    for (const { from } of stages) {
      expect(from.getImageTag(), from.getImage() ?? '').toMatch(/^\d+\.\d+\.\d+(-[a-z0-9.-]+)?$/);
      expect(from.getImageDigest(), from.getImage() ?? '').toMatch(/^sha256:[a-f0-9]{64}$/);
    }
    // The bundle is built by the Node.js that runs it.
    expect(runtime.from.getImage()).toBe(build.from.getImage());
  });

  it('installs the pnpm version of package.json, from the lockfile only', () => {
    const pinned = readJson('package.json').packageManager?.split('@')[1];
    expect(properties(build, 'ARG').get('PNPM_VERSION')).toBe(pinned);
    const runs = instructionsOf(build, 'RUN').map((r) => r.getArgumentsContent() ?? '');
    const install = runs.find((r) => r.includes('pnpm install'));
    expect(install).toContain('--frozen-lockfile');
  });

  it('runs the build scripts that exist in the workspace', () => {
    const runs = instructionsOf(build, 'RUN')
      .map((r) => r.getArgumentsContent() ?? '')
      .join('\n');
    expect(runs).toContain('pnpm --filter @perses-cm/web build');
    expect(readJson('apps/web/package.json').scripts?.['build']).toBeTruthy();
    expect(runs).toContain('pnpm --filter @perses-cm/packaging bundle:server');
    expect(readJson('tools/packaging/package.json').scripts?.['bundle:server']).toContain(
      'server-bundle.ts',
    );
  });

  it('runs as a numeric non-root user', () => {
    const users = instructionsOf(runtime, 'USER');
    expect(users).toHaveLength(1);
    const [uid, gid] = (users[0]!.getArgumentsContent() ?? '').split(':');
    expect(Number(uid)).toBeGreaterThan(0);
    expect(Number(gid)).toBeGreaterThan(0);
    // Nothing runs as root after the switch.
    const last = runtime.instructions.indexOf(users[0]!);
    expect(runtime.instructions.slice(last).some((i) => i.getKeyword() === 'RUN')).toBe(false);
  });

  it('ships only the server bundle and the built web app', () => {
    const copies = instructionsOf(runtime, 'COPY').map((c) => [
      (c as Copy).getFromFlag()?.getValue(),
      ...words(c),
    ]);
    expect(copies).toEqual([
      ['build', `/src/${SERVER_BUNDLE}`, `${IMAGE_APP_ROOT}/${SERVER_BUNDLE}`],
      ['build', `/src/${WEB_DIST}`, `${IMAGE_APP_ROOT}/${WEB_DIST}`],
    ]);
  });

  it('starts the bundled server on every address, serving the web app, with a health check', () => {
    const entrypoint = execForm(instructionsOf(runtime, 'ENTRYPOINT')[0]!);
    expect(entrypoint).toEqual(['node', `${IMAGE_APP_ROOT}/${SERVER_BUNDLE}`]);
    expect(execForm(instructionsOf(runtime, 'CMD')[0]!)).toEqual(['serve']);
    const env = properties(runtime, 'ENV');
    expect(env.get('PERSES_CM_HOST')).toBe('0.0.0.0');
    expect(env.get('PERSES_CM_WEB_DIST')).toBe(`${IMAGE_APP_ROOT}/${WEB_DIST}`);
    const check = execForm(instructionsOf(runtime, 'HEALTHCHECK')[0]!).join(' ');
    expect(check).toContain(`127.0.0.1:${env.get('PERSES_CM_PORT')}/healthz`);
  });
});

describe('.dockerignore', () => {
  const rules = ignore().add(readFileSync(dockerignorePath, 'utf8'));

  it('keeps local state, dependencies and build output out of the build context', () => {
    for (const path of [
      '.stack/env.json',
      '.git/config',
      'node_modules/express/package.json',
      'apps/server/node_modules/express/package.json',
      'apps/web/dist/index.html',
      'apps/server/dist/perses-cm.mjs',
      'e2e/tests/list.spec.ts',
    ]) {
      expect(rules.ignores(path), path).toBe(true);
    }
  });

  it('keeps every tracked file the build reads', () => {
    const tracked = execFileSync('git', ['ls-files'], { cwd: repoRoot, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    const needed = tracked.filter(
      (p) =>
        /^(apps|packages)\//.test(p) ||
        /^tools\/(packaging|stack)\/(package\.json|tsconfig\.json|src\/)/.test(p) ||
        ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml', '.npmrc'].includes(p) ||
        /^[^/]+\/package\.json$/.test(p),
    );
    expect(needed.length).toBeGreaterThan(50);
    expect(needed.filter((p) => rules.ignores(p))).toEqual([]);
  });
});
