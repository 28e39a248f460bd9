// The layers of the repository and which way imports may run between them, checked by
// eslint-plugin-boundaries: it resolves every import to the file it names, so a rule holds
// whatever relative path spells the import.
import boundaries from 'eslint-plugin-boundaries';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// Folders, matched from the repository root; a file belongs to the first that contains it.
const elements = [
  ['package', 'packages/*', ['name']],
  ['server-domain', 'apps/server/src/domain'],
  ['server-stores', 'apps/server/src/stores'],
  ['server-services', 'apps/server/src/services'],
  ['server-routes', 'apps/server/src/routes'],
  ['server-middleware', 'apps/server/src/middleware'],
  ['server', 'apps/server'],
  ['web-app', 'apps/web/src/app'],
  ['web-components', 'apps/web/src/components'],
  ['web-lib', 'apps/web/src/lib'],
  ['web-feature', 'apps/web/src/features/*', ['feature']],
  ['web', 'apps/web'],
  ['e2e', 'e2e'],
  ['tools', 'tools/*', ['name']],
].map(([type, pattern, capture]) => ({
  type,
  pattern,
  partialMatch: false,
  ...(capture ? { capture } : {}),
}));

const type = (t) => ({ element: { type: t } });

/** Each entry: who imports, what it may not import, and the sentence the error shows. */
const policies = [
  {
    from: type('package'),
    disallow: { to: type('{server,server-*,web,web-*,e2e,tools}') },
    message: 'packages/* import no app, test or tool code: move what both need into a package',
  },
  {
    from: type('server-domain'),
    disallow: { to: type('server-{stores,services,routes,middleware}') },
    message: 'the server domain kernel imports no store, service, route or middleware',
  },
  {
    from: type('server-stores'),
    disallow: { to: type('server-{services,routes}') },
    message: 'stores import no service or route: share it through apps/server/src/domain',
  },
  {
    from: type('server-services'),
    disallow: { to: type('server-{routes,middleware}') },
    message: 'services know nothing of HTTP: they import no route or middleware',
  },
  {
    from: type('web-{lib,components}'),
    disallow: { to: type('web-{feature,app}') },
    message: 'web lib/ and components/ import no feature and not the app shell',
  },
  {
    from: type('web-lib'),
    disallow: { to: type('web-components') },
    message: 'web lib/ imports nothing from components/: move the shared piece into lib/',
  },
  {
    from: type('web-feature'),
    disallow: {
      to: {
        element: {
          type: 'web-feature',
          captured: { feature: '!{{ from.element.captured.feature }}' },
        },
      },
    },
    message:
      'features do not import each other: move what several features need into lib/ or components/',
  },
];

export const boundariesConfig = {
  files: ['**/*.{ts,tsx,js,mjs}'],
  plugins: { boundaries },
  settings: {
    'boundaries/root-path': root,
    'boundaries/elements': elements,
    'boundaries/legacy-templates': false,
    'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export'],
  },
  rules: {
    'boundaries/dependencies': ['error', { default: 'allow', policies }],
  },
};
