// GET /api/v1/audit: recent writes through the console, newest first (those the caller may see).
import { useQuery } from '@tanstack/react-query';
import { API, AuditResponse } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';

export const auditKeys = { recent: () => ['audit'] as const };

export function getAudit(signal?: AbortSignal): Promise<AuditResponse> {
  return request(API.audit, AuditResponse, { signal });
}

/** Refetched on open and every 15 s while open: writes by others appear without a reload. */
export function useAudit() {
  return useQuery({
    queryKey: auditKeys.recent(),
    queryFn: ({ signal }) => getAudit(signal),
    staleTime: 0,
    refetchInterval: 15_000,
  });
}
