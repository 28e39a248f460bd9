// Kubernetes target: client, ConfigMap store, authorizer and identity.
import type { TargetConfig } from '../../config.ts';

export async function kubernetesBackend(
  _target: Extract<TargetConfig, { type: 'kubernetes' }>,
  _label: { key: string; value?: string },
): Promise<never> {
  throw new Error('the Kubernetes store is not available yet; use --dir');
}
