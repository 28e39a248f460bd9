import { useQuery } from '@tanstack/react-query';
import { API, ExportPreview } from '@perses-cm/api';
import { request } from '../../../lib/api-client.ts';
import { exportSearch, type ExportParams } from './export-params.ts';
import { exportKeys } from './keys.ts';

export function getExportPreview(params: ExportParams, signal?: AbortSignal) {
  return request(`${API.exportPreview}${exportSearch(params)}`, ExportPreview, { signal });
}

/**
 * The tree an export would write, while the dialog is open. Fetched afresh on every opening (no
 * cache beyond it): the resources may have changed since.
 */
export function useExportPreview(params: ExportParams, enabled: boolean) {
  return useQuery({
    queryKey: exportKeys.preview(params),
    queryFn: ({ signal }) => getExportPreview(params, signal),
    enabled,
    gcTime: 0,
  });
}
