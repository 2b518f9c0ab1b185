/**
 * Wraps a store so that `onChange(graphId)` runs after every call that changes a graph's
 * data through it: an ingest that found the graph, an erasure, a delete that removed it. The analysis
 * runner uses it to drop the graph's cached projections at once (the graph version
 * already keeps stale ones from being used; this only frees their memory early).
 */
import type { GraphStore } from './port.js';

export function notifyGraphChanges(store: GraphStore, onChange: (graphId: string) => void): GraphStore {
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (prop === 'ingest') {
        return async (graphId: string, batch: Parameters<GraphStore['ingest']>[1], upload?: Parameters<GraphStore['ingest']>[2], batchKey?: string) => {
          const result = await target.ingest(graphId, batch, upload, batchKey);
          if (result !== null) onChange(graphId);
          return result;
        };
      }
      if (prop === 'eraseAccount') {
        return async (graphId: string, accountId: string) => {
          const erased = await target.eraseAccount(graphId, accountId);
          if (erased !== null) onChange(graphId);
          return erased;
        };
      }
      if (prop === 'deleteGraph') {
        return async (graphId: string) => {
          const deleted = await target.deleteGraph(graphId);
          if (deleted) onChange(graphId);
          return deleted;
        };
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
