// Query keys of the resources feature, hierarchical so invalidation can target a prefix:
// ['resources'] → every list; ['resource', id] → one detail. The unlabeled list is a sibling of
// the default one, not under it: patching or invalidating the default list never touches it.
export const resourceKeys = {
  lists: () => ['resources'] as const,
  list: () => ['resources', 'list'] as const,
  unlabeled: () => ['resources', 'unlabeled'] as const,
  detail: (id: string) => ['resource', id] as const,
  validation: (digest: string, format: string) => ['validate', format, digest] as const,
  split: (id: string) => ['resource', id, 'split'] as const,
  applyNow: () => ['apply-now'] as const,
};
