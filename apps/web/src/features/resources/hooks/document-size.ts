// The document's size as a ConfigMap counts it (UTF-8 bytes of the value), against the 1 MiB
// Kubernetes allows: the resource model's size rule, a warning from 90 %, an error above.
import type { Finding } from '@perses-cm/api';
import { CONFIGMAP_MAX_BYTES, sizeProblem } from '@perses-cm/resources';

export type SizeLevel = 'ok' | 'warn' | 'error';

export function sizeLevel(bytes: number): SizeLevel {
  const p = sizeProblem(bytes, '');
  return p ? (p.severity === 'error' ? 'error' : 'warn') : 'ok';
}

/** The size rule as a finding on the first line, or null below 90 % of the limit. */
export function sizeFinding(bytes: number): Finding | null {
  const p = sizeProblem(bytes, 'the document is');
  return p ? { ...p, line: 1, column: 1 } : null;
}

export const SIZE_LIMIT = CONFIGMAP_MAX_BYTES;
