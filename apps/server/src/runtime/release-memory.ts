// After the first full list the heap still holds what loading left behind (every page's text,
// every document's parse tree): V8 frees it only at its next full collection, which an idle
// console may not reach for hours, so the process keeps its start-up peak. One full collection
// right after the load returns it. Node exposes `gc` only under --expose-gc; setting the flag
// at run time and taking `gc` from a fresh context is the pattern Jest's leak detector uses.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as ((options?: object) => void) | undefined;
  // A plain full collection frees the texts the store compacted but leaves the pages they were
  // mixed in with committed (after the load: 78 MB live in 318 MB); this one moves the live
  // objects together so whole pages go back.
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    // No options: Node 20's `gc` takes `{type: 'major', ...}` for a young-generation collection
    // only, which left the whole load in the heap. Without arguments it is a full collection on
    // every version.
    gc?.();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
}
