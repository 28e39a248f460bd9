import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, SAMPLE_CHART_DIR, loadConfig, type ServerConfig } from './config.ts';

const emptyHome = await mkdtemp(path.join(tmpdir(), 'perses-cm-home-'));
const cfg = (argv: string[], env: Record<string, string> = {}, home = emptyHome): ServerConfig => {
  const r = loadConfig(argv, env, home);
  if (r.help) throw new Error('help');
  return r.config;
};

describe('loadConfig', () => {
  it('defaults to the sample chart on loopback when no kubeconfig exists', () => {
    const c = cfg([]);
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(8080);
    expect(c.target).toEqual({ type: 'directory', dir: SAMPLE_CHART_DIR });
    expect(c.label).toEqual({ key: 'perses.dev/resource', value: 'true' });
  });

  it('defaults to the kubeconfig when ~/.kube/config or KUBECONFIG exists', async () => {
    const home = await mkdtemp(path.join(tmpdir(), 'perses-cm-home-'));
    const kc = path.join(home, 'kc.yaml');
    await writeFile(kc, 'apiVersion: v1\nkind: Config\n');
    expect(cfg([], { KUBECONFIG: `/nonexistent${path.delimiter}${kc}` }).target).toMatchObject({
      type: 'kubernetes',
      kubeconfig: kc,
      namespaces: null,
    });
  });

  it('lets flags win over PERSES_CM_* variables', () => {
    const c = cfg(['--port', '9000', '--dir', '/tmp/chart'], {
      PERSES_CM_PORT: '7000',
      PERSES_CM_HOST: '0.0.0.0',
    });
    expect(c.port).toBe(9000);
    expect(c.host).toBe('0.0.0.0');
    expect(c.target).toEqual({ type: 'directory', dir: '/tmp/chart' });
  });

  it('reads namespaces, all-namespaces, label and Perses URL', () => {
    const c = cfg([
      '--kubeconfig',
      '/k',
      '--namespaces',
      'a, b,a',
      '--label',
      'example.com/perses=yes',
      '--perses-url',
      'http://p:8080/',
    ]);
    expect(c.target).toMatchObject({
      type: 'kubernetes',
      kubeconfig: '/k',
      namespaces: ['a', 'b'],
    });
    expect(c.label).toEqual({ key: 'example.com/perses', value: 'yes' });
    expect(c.persesUrl).toBe('http://p:8080');
    expect(cfg(['--in-cluster', '--all-namespaces']).target).toMatchObject({
      inCluster: true,
      namespaces: 'all',
    });
    expect(
      cfg(['--kubeconfig', '/k'], { PERSES_CM_NAMESPACES: 'all', PERSES_CM_LABEL: 'team' }).label,
    ).toEqual({ key: 'team' });
  });

  it.each([
    [['--label', 'a=b,c=d']],
    [['--label', 'bad key=x']],
    [['--namespaces', 'Team_A', '--kubeconfig', '/k']],
    [['--namespaces', 'a,b!=c', '--kubeconfig', '/k']],
    [['--dir', '/x', '--kubeconfig', '/k']],
    [['--dir', '/x', '--namespaces', 'a']],
    [['--perses-url', 'file:///etc/passwd']],
    [['--port', '70000']],
    [['--unknown']],
  ])('refuses %j', (argv) => {
    expect(() => loadConfig(argv, {}, emptyHome)).toThrow(ConfigError);
  });

  it('answers --help', () => {
    expect(loadConfig(['--help'], {}, emptyHome)).toEqual({ help: true });
  });
});

describe('auth settings', () => {
  const kube = ['--kubeconfig', '/k'];
  const refused = (argv: string[], env: Record<string, string> = {}) => {
    try {
      loadConfig(argv, env, emptyHome);
    } catch (err) {
      if (err instanceof ConfigError) return err.message;
      throw err;
    }
    throw new Error(`accepted ${argv.join(' ')}`);
  };

  it('defaults to local mode with the default limits', () => {
    const c = cfg(kube);
    expect(c.auth).toEqual({ mode: 'local' });
    expect(c.security).toEqual({
      trustedProxies: [],
      allowedHosts: [],
      signInPerMinute: 10,
      writesPerMinute: 120,
    });
  });

  it('reads proxy mode from the environment the chart sets', () => {
    const c = cfg(kube, {
      PERSES_CM_AUTH_MODE: 'proxy',
      PERSES_CM_TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8',
      PERSES_CM_PROXY_USER_HEADER: 'X-Auth-Request-User',
      PERSES_CM_ALLOWED_HOSTS: 'Console.example.com,perses-cm.perses.svc',
    });
    expect(c.auth).toEqual({
      mode: 'proxy',
      userHeader: 'x-auth-request-user',
      groupsHeader: 'x-forwarded-groups',
    });
    expect(c.security?.trustedProxies).toEqual(['10.0.0.0/8', 'fd00::/8']);
    expect(c.security?.allowedHosts).toEqual(['console.example.com', 'perses-cm.perses.svc']);
  });

  it('reads token mode with its idle timeout', () => {
    expect(cfg([...kube, '--auth-mode', 'token']).auth).toEqual({
      mode: 'token',
      idleTimeoutMs: 30 * 60_000,
    });
    expect(cfg([...kube, '--auth-mode', 'token', '--session-idle-timeout', '2h']).auth).toEqual({
      mode: 'token',
      idleTimeoutMs: 2 * 3_600_000,
    });
  });

  it('refuses what would open a door, naming the setting', () => {
    expect(refused([...kube, '--auth-mode', 'proxy'])).toMatch(/--trusted-proxies/);
    expect(refused([...kube, '--auth-mode', 'open'])).toMatch(/auth\.mode/);
    expect(refused(['--dir', '/x', '--auth-mode', 'token'])).toMatch(/needs a cluster/);
    expect(refused([...kube, '--trusted-proxies', '10.0.0.0/33'])).toMatch(/--trusted-proxies/);
    expect(
      refused([
        ...kube,
        '--auth-mode',
        'proxy',
        '--trusted-proxies',
        '10.0.0.1',
        '--proxy-user-header',
        'Impersonate-User',
      ]),
    ).toMatch(/--proxy-user-header/);
    expect(refused([...kube, '--proxy-groups-header', 'Authorization'])).toMatch(
      /--proxy-groups-header/,
    );
    expect(refused([...kube, '--auth-mode', 'token', '--session-idle-timeout', '10s'])).toMatch(
      /--session-idle-timeout/,
    );
    expect(refused([...kube, '--allowed-hosts', 'https://x.example'])).toMatch(/--allowed-hosts/);
    expect(refused([...kube, '--write-rate', '0'])).toMatch(/writeRate/);
  });
});
