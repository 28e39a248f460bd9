// Perses answers recorded from the real Perses v0.54.0 (the stack's, and one with native auth on).
import { describe, expect, it } from 'vitest';
import { PersesConfig, PersesHealth } from './perses-answers.ts';

const AUTH_CONFIG = {
  security: {
    readonly: false,
    cookie: { same_site: 'lax', secure: false },
    encryption_key: '<secret>',
    enable_auth: true,
    authorization: { provider: { native: { enable: true, check_latest_update_interval: '30s' } } },
    authentication: {
      access_token_ttl: '4s',
      refresh_token_ttl: '1d',
      disable_sign_up: false,
      providers: { enable_native: true },
    },
    cors: { enable: false },
  },
  database: { file: { folder: '/tmp/x/perses/db', extension: 'json', case_sensitive: false } },
  dashboard: {},
  provisioning: { interval: '1h' },
  plugin: { path: '/tmp/x/perses/plugins', enable_dev: false },
};

describe('PersesConfig', () => {
  it('reads auth, database and a provisioning without folders', () => {
    expect(PersesConfig.parse(AUTH_CONFIG)).toEqual({
      apiPrefix: '',
      provisioning: { folders: [], interval: { text: '1h', ms: 3_600_000 } },
      security: { readonly: false, enableAuth: true },
      database: { type: 'file', folder: '/tmp/x/perses/db', caseSensitive: false },
    });
  });

  it('reads provisioning folders and interval, readonly, and a case-sensitive SQL database', () => {
    const c = PersesConfig.parse({
      security: { readonly: true, enable_auth: false },
      database: { sql: { case_sensitive: true, db_name: 'perses', password: '<secret>' } },
      provisioning: { folders: ['/etc/perses/provisioning'], interval: '10m' },
    });
    expect(c.provisioning).toEqual({
      folders: ['/etc/perses/provisioning'],
      interval: { text: '10m', ms: 600_000 },
    });
    expect(c.security).toEqual({ readonly: true, enableAuth: false });
    expect(c.database).toEqual({ type: 'sql', caseSensitive: true });
  });

  it('refuses an interval it cannot read rather than guessing', () => {
    const r = PersesConfig.safeParse({ provisioning: { interval: 'ten minutes' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/not a Perses duration/);
  });
});

describe('PersesHealth', () => {
  it('reads the version and database state', () => {
    expect(
      PersesHealth.parse({ buildTime: '', version: '0.54.0', commit: '', database: true }),
    ).toMatchObject({ version: '0.54.0', database: true });
  });
});
