// The Kubernetes API server's service proxy as a Perses transport, on the real kube-apiserver. The
// API server refuses to proxy to loopback addresses, so the stack's Perses cannot stand behind a
// Service here: this proves the path, the console's credentials and the error mapping up to the
// last hop (a Service without endpoints), and the refusal of a user without services/proxy.
// Tokens for Perses travel in cookies through this proxy (see proxiedTransport); Perses's reading
// of them is proven in perses-auth.int.test.ts.
import type { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PersesClient } from '../../perses/perses-client.ts';
import { proxiedTransport } from '../../perses/transport.ts';
import { core, stackEnv, uniq } from '../../testing/kube-fixture.ts';
import { KubeClient } from './kube-client.ts';
import { failure } from '../../testing/perses.ts';

const NS = 'perses';
const service = uniq('perses-proxy');
let admin: CoreV1Api;

const persesVia = (kubeconfig: string) => {
  const kube = new KubeClient({
    type: 'kubernetes',
    kubeconfig,
    context: null,
    inCluster: false,
    namespaces: null,
  });
  return new PersesClient(proxiedTransport(kube.serviceProxy(NS, service, 8080)));
};

beforeAll(async () => {
  admin = core(stackEnv().kubeconfigs.admin);
  await admin.createNamespacedService({
    namespace: NS,
    body: {
      metadata: { name: service },
      spec: { selector: { app: service }, ports: [{ port: 8080, name: 'http' }] },
    },
  });
});
afterAll(async () => {
  await admin?.deleteNamespacedService({ namespace: NS, name: service }).catch(() => undefined);
});

describe('Perses through the service proxy', () => {
  it('reaches the API server with the console’s credentials, which answers for the service', async () => {
    const perses = persesVia(stackEnv().kubeconfigs.admin);
    expect(perses.where).toBe(
      `service ${NS}/${service}:8080 through the Kubernetes API server ${stackEnv().apiServer}`,
    );
    const err = await failure(perses.health());
    // Without endpoints (nothing runs pods here) the API server says the service is not found.
    expect(err.code).toBe('not_found');
    expect(err.message).toBe(`Perses: health: services "${service}" not found`);
    expect(err.details).toEqual({ status: 404 });
  });

  it('is forbidden to a user who may not proxy to services', async () => {
    const err = await failure(persesVia(stackEnv().kubeconfigs.viewer).health());
    expect(err.code).toBe('forbidden');
  });
});
