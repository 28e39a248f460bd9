import { useQuery } from '@tanstack/react-query';
import { API, LagHistoryResponse } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { statusKeys } from './keys.ts';

export function getLagHistory(id: string | null, signal?: AbortSignal) {
  return request(API.lag, LagHistoryResponse, { signal, query: { id: id ?? undefined } });
}

/** Lag samples, oldest first. A `lag` event appends its sample to the overall entry. */
export function useLagHistory(id: string | null = null) {
  return useQuery({
    queryKey: statusKeys.lag(id),
    queryFn: ({ signal }) => getLagHistory(id, signal),
    staleTime: Infinity,
  });
}
