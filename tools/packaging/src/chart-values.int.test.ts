// What the chart renders from its values: the console's settings (read back by the console's own
// configuration parser), the hardened pod, and the optional objects.
import { describe, expect, it } from 'vitest';
import { loadConfig, type ServerConfig } from '@perses-cm/server/src/config.ts';
import { findOne, renderChart, type Manifest } from './chart.ts';

interface Container {
  args: string[];
  env: { name: string; value: string }[];
  securityContext: Record<string, unknown>;
  livenessProbe: { httpGet: { path: string; port: string } };
  readinessProbe: { httpGet: { path: string; port: string } };
  resources: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts: { name: string; mountPath: string }[];
}
interface PodSpec {
  serviceAccountName: string;
  securityContext: Record<string, unknown>;
  containers: Container[];
  volumes: { name: string; emptyDir?: Record<string, unknown> }[];
}

const podSpec = (manifests: Manifest[]): PodSpec =>
  (findOne(manifests, 'Deployment')['spec'] as { template: { spec: PodSpec } }).template.spec;

/** The server configuration the console builds from the container's environment. */
async function consoleConfig(values: object): Promise<ServerConfig> {
  const container = podSpec(await renderChart('pcm', 'perses', values)).containers[0]!;
  const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
  const parsed = loadConfig(container.args.slice(1), env, '/nonexistent');
  if (parsed.help) throw new Error('the chart asks for --help');
  return parsed.config;
}

describe('console settings', () => {
  it('watches the release namespace in-cluster by default, on every address', async () => {
    const c = await consoleConfig({});
    expect(c.target).toEqual({
      type: 'kubernetes',
      kubeconfig: null,
      context: null,
      inCluster: true,
      namespaces: ['perses'],
    });
    expect(c.host).toBe('0.0.0.0');
    expect(c.port).toBe(8080);
    expect(c.label).toEqual({ key: 'perses.dev/resource', value: 'true' });
    expect(c.persesUrl).toBeNull();
  });

  it('passes the namespaces, the label and the Perses URL', async () => {
    const c = await consoleConfig({
      namespaces: ['team-a', 'team-b'],
      label: 'example.com/perses',
      perses: { url: 'http://perses.monitoring.svc:8080' },
    });
    expect(c.target).toMatchObject({ namespaces: ['team-a', 'team-b'] });
    expect(c.label).toEqual({ key: 'example.com/perses' });
    expect(c.persesUrl).toBe('http://perses.monitoring.svc:8080');
  });

  it('watches every namespace with scope=cluster', async () => {
    expect((await consoleConfig({ scope: 'cluster' })).target).toMatchObject({
      namespaces: 'all',
    });
  });
});

describe('auth.mode, as the console reads it', () => {
  it('acts as the ServiceAccount by default (local)', async () => {
    expect((await consoleConfig({})).auth).toEqual({ mode: 'local' });
  });

  it('believes the proxy headers only from the trusted addresses (proxy)', async () => {
    const c = await consoleConfig({
      auth: {
        mode: 'proxy',
        proxy: { trustedProxies: ['10.1.0.0/16', '10.2.0.7'], userHeader: 'X-Auth-Request-User' },
      },
    });
    expect(c.auth).toEqual({
      mode: 'proxy',
      userHeader: 'x-auth-request-user',
      groupsHeader: 'x-forwarded-groups',
    });
    expect(c.security?.trustedProxies).toEqual(['10.1.0.0/16', '10.2.0.7']);
  });

  it('signs people in with their token, with the idle timeout (token)', async () => {
    const c = await consoleConfig({ auth: { mode: 'token', token: { idleTimeout: '2h' } } });
    expect(c.auth).toEqual({ mode: 'token', idleTimeoutMs: 2 * 3_600_000 });
  });
});

describe('pod', () => {
  it('runs non-root on a read-only root filesystem with a writable /tmp', async () => {
    const spec = podSpec(await renderChart('pcm', 'perses', {}));
    const c = spec.containers[0]!;
    expect(spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 65532,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    const tmp = c.volumeMounts.find((m) => m.mountPath === '/tmp');
    expect(spec.volumes.find((v) => v.name === tmp?.name)?.emptyDir).toBeDefined();
    expect(c.resources.requests).toBeDefined();
    expect(c.resources.limits?.['memory']).toBeDefined();
  });

  it('probes liveness on /healthz and readiness on /readyz', async () => {
    const c = podSpec(await renderChart('pcm', 'perses', {})).containers[0]!;
    expect(c.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(c.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
  });
});

describe('optional objects', () => {
  it('renders no Ingress, NetworkPolicy or ServiceMonitor by default', async () => {
    const kinds = (await renderChart('pcm', 'perses', {})).map((m) => m.kind);
    for (const kind of ['Ingress', 'NetworkPolicy', 'ServiceMonitor']) {
      expect(kinds).not.toContain(kind);
    }
  });

  it('scrapes /metrics of the console Service with a ServiceMonitor', async () => {
    const manifests = await renderChart('pcm', 'perses', {
      serviceMonitor: { enabled: true, labels: { release: 'prometheus' } },
    });
    const monitor = findOne(manifests, 'ServiceMonitor');
    const service = findOne(manifests, 'Service');
    expect(monitor.metadata.labels?.['release']).toBe('prometheus');
    const spec = monitor['spec'] as {
      selector: { matchLabels: Record<string, string> };
      endpoints: { port: string; path: string }[];
    };
    expect(spec.endpoints).toMatchObject([{ port: 'http', path: '/metrics' }]);
    expect(service.metadata.labels).toMatchObject(spec.selector.matchLabels);
    const ports = (service['spec'] as { ports: { name: string }[] }).ports;
    expect(ports.map((p) => p.name)).toContain('http');
  });
});
