// A vitest `it` whose every test gets its own server on a fresh copy of the sample chart, so no
// test sees another's writes and the order of tests never matters.
import { test } from 'vitest';
import { apiClient, type ApiClient } from './api-client.ts';
import { startDirectoryServer, type DirectoryServer } from './directory-server.ts';

export const it = test.extend<{ srv: DirectoryServer; api: ApiClient }>({
  // eslint-disable-next-line no-empty-pattern -- vitest fixtures take their dependencies this way
  srv: async ({}, use) => {
    const srv = await startDirectoryServer();
    try {
      await use(srv);
    } finally {
      await srv.dispose();
    }
  },
  api: async ({ srv }, use) => use(apiClient(srv.url)),
});
