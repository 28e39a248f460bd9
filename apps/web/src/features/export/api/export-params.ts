// The export's parameters as the page holds them, and the query string both routes take.
import type { FilterValues } from '@perses-cm/api';

export interface ExportOptions {
  format: 'tgz' | 'zip';
  shape: 'standalone' | 'umbrella';
  files: 'stored' | 'json';
  content: 'chart' | 'files';
}

export type ExportParams = ExportOptions & { filters: FilterValues };

export const DEFAULT_OPTIONS: ExportOptions = {
  format: 'tgz',
  shape: 'standalone',
  files: 'stored',
  content: 'chart',
};

/** `?format=…&kind=…`: empty filters are left out, so they select everything. */
export function exportSearch(params: ExportParams): string {
  const { filters, ...options } = params;
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...options, ...filters })) if (v) query.set(k, v);
  return `?${query.toString()}`;
}
