import { useMemo } from 'react';
import type { ResourceSummary } from '@perses-cm/api';
import { useResources, useUnlabeledResources } from '../api/list-resources.ts';

export interface ListSourceError {
  source: string;
  message: string;
}

/**
 * What the list shows: the live list of labeled resources and, while `withUnlabeled`, the
 * unlabeled ones appended (fetched apart, so the default list stays one cached request).
 */
export function useListItems(withUnlabeled: boolean) {
  const labeled = useResources();
  const unlabeled = useUnlabeledResources(withUnlabeled);
  const base = labeled.data;
  const extra = withUnlabeled ? unlabeled.data : undefined;
  const extraError = withUnlabeled ? unlabeled.error : null;

  const items = useMemo<ResourceSummary[] | undefined>(() => {
    if (!base || !extra || extra.items.length === 0) return base?.items;
    // A ConfigMap labeled since the unlabeled answer arrives by a live event: list it once.
    const live = new Set(base.items.map((i) => i.id));
    return [...base.items, ...extra.items.filter((i) => !live.has(i.id))];
  }, [base, extra]);
  const errors = useMemo<ListSourceError[]>(() => {
    const all: ListSourceError[] = [...(base?.errors ?? [])];
    // The unlabeled answer repeats the sources the labeled list already reported.
    for (const e of extra?.errors ?? []) {
      if (!all.some((a) => a.source === e.source)) all.push(e);
    }
    if (extraError) all.push({ source: 'unlabeled ConfigMaps', message: extraError.message });
    return all;
  }, [base, extra, extraError]);

  return {
    items,
    errors,
    error: labeled.error,
    isPending: labeled.isPending,
    loadingUnlabeled: withUnlabeled && unlabeled.isPending,
    refetch: labeled.refetch,
  };
}
