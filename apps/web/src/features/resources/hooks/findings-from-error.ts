import { Finding } from '@perses-cm/api';
import type { ApiError } from '../../../lib/api-client.ts';

/** Findings carried by a 400 validation_failed: `details` is a list or `{findings}`. */
export function findingsFromError(err: ApiError): Finding[] {
  const d = err.details as { findings?: unknown } | unknown[] | undefined;
  const list: unknown[] = Array.isArray(d) ? d : Array.isArray(d?.findings) ? d.findings : [];
  return list.flatMap((f) => {
    const r = Finding.safeParse(f);
    return r.success ? [r.data] : [];
  });
}
