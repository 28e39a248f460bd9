// Query keys of the resources feature, hierarchical so invalidation can target a prefix:
// ['resources'] → every list; ['resource', id] → one detail.
export const resourceKeys = {
  lists: () => ['resources'] as const,
  list: () => ['resources', 'list'] as const,
  detail: (id: string) => ['resource', id] as const,
  validation: (text: string, format: string) => ['validate', format, text] as const,
};
