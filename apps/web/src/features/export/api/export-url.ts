import { API } from '@perses-cm/api';
import { exportSearch, type ExportParams } from './export-params.ts';

/** The archive's URL: the browser downloads it (the server sends it as an attachment). */
export function exportUrl(params: ExportParams): string {
  return `${API.export}${exportSearch(params)}`;
}
