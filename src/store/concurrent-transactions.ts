/**
 * Transactions of one write run a few at a time (result-writing.ts, browser-view.ts), each
 * built just before it starts; the first failure stops every loop sharing it.
 */

/** The first failure of a write's transactions (shared by its loops). */
export interface Failure {
  failure?: { error: unknown };
}

/**
 * Runs the thunks `concurrency` at a time, taking each from `work` only when a slot is
 * free (so rows are built just before their transaction). The first failure, of a thunk
 * or of building one, goes in `stop`, which ends every loop sharing it: none starts a new
 * transaction, and this returns once its running ones ended.
 */
export async function runConcurrently(work: Iterable<() => Promise<void>>, concurrency: number, stop: Failure): Promise<void> {
  const thunks = work[Symbol.iterator]();
  const worker = async () => {
    while (stop.failure === undefined) {
      try {
        const next = thunks.next();
        if (next.done) return;
        await next.value();
      } catch (error) {
        stop.failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** `f` of each item, lazily. */
export function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
