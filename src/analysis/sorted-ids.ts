/**
 * Binary search in an ascending array of ids (JavaScript string order, the order the
 * projection and the stored result blocks keep their account ids in).
 */

/** Index of `id` in `sorted`, or -1. */
export function sortedIndexOf(sorted: readonly string[], id: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid] as string;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
