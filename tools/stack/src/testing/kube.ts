// Helpers for integration tests: Kubernetes clients per stack user.
import { ApiException, CoreV1Api, KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';

export function coreApi(kubeconfigPath: string): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return kc.makeApiClient(CoreV1Api);
}

/** A short random suffix so that tests sharing one stack never collide. */
export function uniq(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export function configMap(
  namespace: string,
  name: string,
  parts: Pick<V1ConfigMap, 'data' | 'binaryData'> & {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  },
): V1ConfigMap {
  return {
    metadata: { namespace, name, labels: parts.labels, annotations: parts.annotations },
    data: parts.data,
    binaryData: parts.binaryData,
  };
}

/** The HTTP status of a failed API call (client-node 1.x throws ApiException). */
export async function statusOf(call: Promise<unknown>): Promise<number> {
  try {
    await call;
    return 200;
  } catch (err) {
    if (err instanceof ApiException) return err.code;
    throw err;
  }
}
