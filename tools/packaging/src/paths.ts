// Where the deployable artifacts live in the repository, and where the image puts its files.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const chartDir = join(repoRoot, 'helm', 'perses-cm');
export const dockerfilePath = join(repoRoot, 'Dockerfile');
export const dockerignorePath = join(repoRoot, '.dockerignore');
export const composePath = join(repoRoot, 'docker-compose.yml');
export const composePersesConfigPath = join(repoRoot, 'compose', 'perses-config.yaml');

/**
 * The server bundle, relative to the application root (the repository in a checkout, /app in the
 * image). It sits at the depth of apps/server/src, so the server's own paths relative to its
 * module (the repository root, apps/web/dist) resolve the same from the bundle.
 */
export const SERVER_BUNDLE = 'apps/server/dist/perses-cm.mjs';
/** The built web app, relative to the application root (Vite's default outDir). */
export const WEB_DIST = 'apps/web/dist';
/** The application root inside the image. */
export const IMAGE_APP_ROOT = '/app';
