// A line-based three-way merge of the text the edit started from (base), the stored text (theirs)
// and the user's text (yours), with node-diff3 (Khanna–Myers diff3, as `git merge-file` does it).
// Where both changed the same lines the result keeps both, between conflict markers, yours first.
import { diff3Merge } from 'node-diff3';

export interface MergeOutcome {
  text: string;
  /** Number of regions both sides changed differently (marked in `text`); 0 is a clean merge. */
  conflicts: number;
}

export const MARK_YOURS = '<<<<<<< yours';
export const MARK_SPLIT = '=======';
export const markTheirs = (label: string) => `>>>>>>> ${label}`;

export function threeWayMerge(
  base: string,
  theirs: string,
  yours: string,
  label = 'stored',
): MergeOutcome {
  const regions = diff3Merge(yours.split('\n'), base.split('\n'), theirs.split('\n'), {
    excludeFalseConflicts: true,
  });
  const out: string[] = [];
  let conflicts = 0;
  for (const r of regions) {
    if (r.ok) out.push(...r.ok);
    else if (r.conflict) {
      conflicts++;
      out.push(MARK_YOURS, ...r.conflict.a, MARK_SPLIT, ...r.conflict.b, markTheirs(label));
    }
  }
  return { text: out.join('\n'), conflicts };
}
