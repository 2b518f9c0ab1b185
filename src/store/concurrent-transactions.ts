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
 * transaction, and this returns once its running ones ended. `work` may be asynchronous
 * (result-writing.ts: blocks compressed ahead on the thread pool).
 */
export async function runConcurrently(work: Iterable<() => Promise<void>> | AsyncIterable<() => Promise<void>>, concurrency: number, stop: Failure): Promise<void> {
  // An async iterator queues the calls of next(): each loop gets its own thunk.
  const thunks = Symbol.asyncIterator in work ? work[Symbol.asyncIterator]() : work[Symbol.iterator]();
  const worker = async () => {
    while (stop.failure === undefined) {
      try {
        const next = await thunks.next();
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

/** `f` of each item of an async iterable, lazily. */
export async function* mapAsync<T, U>(items: AsyncIterable<T>, f: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield f(item);
}
