// Query keys of the export feature: one preview per set of export parameters.
import type { ExportParams } from './export-params.ts';

export const exportKeys = {
  all: () => ['export'] as const,
  preview: (params: ExportParams) => ['export', 'preview', params] as const,
};
