// Which lag samples a caller sees: those of the namespaces they may read, as for the overview.
import type { SampleFilter } from './lag-history.ts';
import type { Tracker } from './tracker.ts';

/**
 * The filter of one resource's samples (`id`) or all, kept to `visible`'s namespaces (null: every
 * sample). A sample loaded from an older history has no namespace: its resource's while tracked;
 * otherwise only a caller who sees everything gets it.
 */
export function lagFilter(
  tracker: Pick<Tracker, 'byId'>,
  visible: ((namespace: string | null) => boolean) | null,
  id?: string,
): SampleFilter {
  const filter: SampleFilter = id === undefined ? {} : { id };
  if (visible === null) return filter;
  filter.visible = (s) => {
    const ns =
      s.namespace !== undefined
        ? s.namespace
        : s.id === null
          ? undefined
          : tracker.byId.get(s.id)?.r.summary.namespace;
    return ns !== undefined && visible(ns);
  };
  return filter;
}
