/**
 * Projected graphs kept in memory between analyses, keyed by graph id + graph version +
 * projection params (type weights, time window, minWeight, halfLife), least recently used evicted
 * first within a byte budget (lru-cache with sizeCalculation).
 *
 * Why it is safe: the store raises a graph's version in every ingest transaction, and a
 * projection is filed under the version read before its rows (store/port.ts
 * graphVersion/project), so a cached table is never older than its key says; a lookup
 * with the current version misses as soon as anything was ingested, in this process or
 * another. `invalidate(graphId)` (called when this process ingests into or deletes a
 * graph) and lookups at a newer version only free memory early.
 *
 * Tables are PairTables whose columns live in SharedArrayBuffers: handing one to an
 * analysis worker shares it without copying. Nobody writes to a table after it is built.
 */
import { LRUCache } from 'lru-cache';
import { pairTableBytes, type PairTable } from '../analysis/pair-table.js';
import { parseDuration } from '../analysis/time-decay.js';
import type { ProjectionParams } from '../store/port.js';

export interface ProjectionCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
}

interface Entry {
  graphId: string;
  version: number;
  table: PairTable;
  bytes: number;
}

/**
 * Params in a canonical form: type weights sorted by type, so key order does not matter, and
 * the half-life in milliseconds, so "P1W" and "P7D" are one projection.
 */
export function projectionParamsKey(params: ProjectionParams): string {
  const weights = Object.keys(params.typeWeights)
    .sort()
    .map((type) => [type, params.typeWeights[type]]);
  const halfLife = params.halfLife === undefined || params.halfLife === null ? null : (parseDuration(params.halfLife) ?? params.halfLife);
  return JSON.stringify([weights, params.from, params.to, params.minWeight, halfLife]);
}

export class ProjectionCache {
  // lru-cache keeps the order of use and the byte budget (sizeCalculation); null when disabled.
  private readonly entries: LRUCache<string, Entry> | null;
  private hits = 0;
  private misses = 0;

  /** `maxBytes` 0 disables the cache (nothing is kept). */
  constructor(readonly maxBytes: number) {
    if (!(maxBytes >= 0)) throw new RangeError('jobs/projection-cache: maxBytes must be >= 0');
    // A table over the whole budget is refused by lru-cache itself (maxEntrySize = maxSize).
    this.entries = maxBytes === 0 ? null : new LRUCache<string, Entry>({ maxSize: maxBytes, sizeCalculation: (entry) => Math.max(1, entry.bytes) });
  }

  private static key(graphId: string, version: number, params: ProjectionParams): string {
    return `${graphId}\u0000${version}\u0000${projectionParamsKey(params)}`;
  }

  get(graphId: string, version: number, params: ProjectionParams): PairTable | undefined {
    this.dropOlderThan(graphId, version);
    const entry = this.entries?.get(ProjectionCache.key(graphId, version, params));
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return entry.table;
  }

  /** Keeps a table unless it alone exceeds the budget; evicts the least recently used to make room. */
  set(graphId: string, version: number, params: ProjectionParams, table: PairTable): boolean {
    const bytes = pairTableBytes(table);
    if (this.entries === null || bytes > this.maxBytes) return false;
    this.dropOlderThan(graphId, version);
    const key = ProjectionCache.key(graphId, version, params);
    this.entries.set(key, { graphId, version, table, bytes });
    return this.entries.has(key);
  }

  /** Forgets every projection of the graph. */
  invalidate(graphId: string): void {
    this.drop((entry) => entry.graphId === graphId);
  }

  stats(): ProjectionCacheStats {
    return {
      entries: this.entries?.size ?? 0,
      bytes: this.entries?.calculatedSize ?? 0,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
    };
  }

  private dropOlderThan(graphId: string, version: number): void {
    this.drop((entry) => entry.graphId === graphId && entry.version < version);
  }

  private drop(which: (entry: Entry) => boolean): void {
    if (this.entries === null) return;
    const keys: string[] = [];
    for (const [key, entry] of this.entries.entries()) if (which(entry)) keys.push(key);
    for (const key of keys) this.entries.delete(key);
  }
}
