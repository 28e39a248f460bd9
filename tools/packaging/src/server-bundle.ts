// Bundles the server and CLI (TypeScript source, workspace packages and npm dependencies) into one
// ES module, so the image runs `node perses-cm.mjs` with no node_modules and no TypeScript loader.
// The Dockerfile runs this file (`pnpm --filter @perses-cm/packaging bundle:server`); the tests
// run the same function and start the result against the real stack.
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, SERVER_BUNDLE } from './paths.ts';

/** Node version the bundle's syntax targets: the lowest the project supports (package.json). */
const NODE_TARGET = 'node20.19';

export async function bundleServer(appRoot: string = repoRoot): Promise<string> {
  const outfile = join(appRoot, SERVER_BUNDLE);
  await build({
    entryPoints: [join(repoRoot, 'apps/server/src/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: NODE_TARGET,
    // Dependencies written as CommonJS call require(); an ES module has none unless given one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // Optional native accelerators of `ws`; it falls back to JavaScript when they are absent.
    external: ['bufferutil', 'utf-8-validate'],
    sourcemap: false,
    legalComments: 'eof',
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const out = await bundleServer(process.argv[2] ?? repoRoot);
  console.log(`bundled the server into ${out}`);
}
