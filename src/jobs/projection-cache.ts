/**
 * Projected graphs kept in memory between analyses, keyed by graph id + graph version +
 * projection params (type weights, time window, minWeight), least recently used evicted
 * first within a byte budget.
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
import { pairTableBytes, type PairTable } from '../analysis/pair-table.js';
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

/** Params in a canonical form: type weights sorted by type, so key order does not matter. */
export function projectionParamsKey(params: ProjectionParams): string {
  const weights = Object.keys(params.typeWeights)
    .sort()
    .map((type) => [type, params.typeWeights[type]]);
  return JSON.stringify([weights, params.from, params.to, params.minWeight]);
}

export class ProjectionCache {
  // A Map iterates in insertion order: re-inserting on a hit keeps the least recently used first.
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  /** `maxBytes` 0 disables the cache (nothing is kept). */
  constructor(readonly maxBytes: number) {
    if (!(maxBytes >= 0)) throw new RangeError('jobs/projection-cache: maxBytes must be >= 0');
  }

  private static key(graphId: string, version: number, params: ProjectionParams): string {
    return `${graphId}\u0000${version}\u0000${projectionParamsKey(params)}`;
  }

  get(graphId: string, version: number, params: ProjectionParams): PairTable | undefined {
    this.dropOlderThan(graphId, version);
    const key = ProjectionCache.key(graphId, version, params);
    const entry = this.entries.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.table;
  }

  /** Keeps a table unless it alone exceeds the budget; evicts the least recently used to make room. */
  set(graphId: string, version: number, params: ProjectionParams, table: PairTable): boolean {
    const bytes = pairTableBytes(table);
    if (bytes > this.maxBytes) return false;
    this.dropOlderThan(graphId, version);
    const key = ProjectionCache.key(graphId, version, params);
    this.remove(key);
    for (const [oldest] of this.entries) {
      if (this.bytes + bytes <= this.maxBytes) break;
      this.remove(oldest);
    }
    this.entries.set(key, { graphId, version, table, bytes });
    this.bytes += bytes;
    return true;
  }

  /** Forgets every projection of the graph. */
  invalidate(graphId: string): void {
    for (const [key, entry] of this.entries) if (entry.graphId === graphId) this.remove(key);
  }

  stats(): ProjectionCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, maxBytes: this.maxBytes, hits: this.hits, misses: this.misses };
  }

  private dropOlderThan(graphId: string, version: number): void {
    for (const [key, entry] of this.entries) if (entry.graphId === graphId && entry.version < version) this.remove(key);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}
