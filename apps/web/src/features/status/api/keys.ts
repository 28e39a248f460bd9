// Query keys of the status feature, all under ['status'] so a resync refreshes them together:
// ['status','connection'] feeds the header, ['status','overview'] the overview page,
// ['status','pipeline',id] one resource's panel, ['status','served',id] what Perses serves of it,
// ['status','orphans'] and ['status','lag',id|null] the overview's lists.
export const statusKeys = {
  all: () => ['status'] as const,
  connection: () => ['status', 'connection'] as const,
  overview: () => ['status', 'overview'] as const,
  pipelines: () => ['status', 'pipeline'] as const,
  pipeline: (id: string) => ['status', 'pipeline', id] as const,
  served: (id: string) => ['status', 'served', id] as const,
  orphans: () => ['status', 'orphans'] as const,
  lag: (id: string | null = null) => ['status', 'lag', id] as const,
};
