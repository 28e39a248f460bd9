import { useQuery } from '@tanstack/react-query';
import { API, ApplyNowAvailability } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { resourceKeys } from './keys.ts';

/**
 * Whether saves can also go through the Perses API now, and if not why. Read afresh each time
 * the review dialog opens (`enabled`): Perses may have gone away or turned read-only since.
 */
export function useApplyNow(enabled: boolean) {
  return useQuery({
    queryKey: resourceKeys.applyNow(),
    queryFn: ({ signal }) => request(API.applyNow, ApplyNowAvailability, { signal }),
    enabled,
    staleTime: 0,
    retry: false,
  });
}
