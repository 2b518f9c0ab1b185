/**
 * Columnar form of a projection: one row per ordered pair (source -> target), every
 * column a typed array, accounts by index into the sorted id list.
 *
 * Why columns and not the row objects of `Projection`: a projection of 10^6 pairs as
 * objects costs hundreds of MB and seconds of garbage collection, and cannot cross a
 * thread boundary without a deep copy. A PairTable is built straight from the Neo4j
 * stream (PairTableBuilder) without a per-pair object, and its columns live in
 * SharedArrayBuffers: posted to or from a worker thread they are shared, not copied, so a
 * projection cached by the main thread (src/jobs/projection-cache.ts) is handed to the
 * next analysis worker at no cost. Tables are never written after `finish`.
 *
 * Order: accounts ascending (JavaScript string order, UTF-16 code units, so comparing
 * indices is comparing ids), rows ascending by (source, target). Both are independent of
 * the order in which Neo4j streamed the rows, which keeps analyses deterministic.
 */
import type { ProjectedPair, Projection } from './types.js';

export interface PairTable {
  /** Every account of the graph, ascending, each once (isolated accounts included). */
  accounts: readonly string[];
  /** Number of rows. */
  size: number;
  /** Account indices of each row; rows ascending by (source, target), each pair once. */
  source: Int32Array;
  target: Int32Array;
  /** Weighted positive and absolute weighted negative sums of the pair (>= 0). */
  positive: Float64Array;
  negative: Float64Array;
  /** Interaction events aggregated into the pair. */
  count: Float64Array;
  /** Epoch ms of the pair's first / last event with a timestamp; NaN when none has one. */
  firstTs: Float64Array;
  lastTs: Float64Array;
  /** Interaction type names; events per type of row r are entries typeOffsets[r] .. typeOffsets[r + 1). */
  typeNames: readonly string[];
  typeOffsets: Int32Array;
  typeIds: Int32Array;
  typeCounts: Float64Array;
}

/** The columns the niche activity reads (niche-profile.ts nicheActivity): all but the weights. */
export type ActivityTable = Omit<PairTable, 'positive' | 'negative'>;

/** The activity's columns of a table, in an object of their own: the weights are not reachable from it. */
export function activityTable(table: PairTable): ActivityTable {
  const { positive: _positive, negative: _negative, ...rest } = table;
  return rest;
}

/** One streamed row, endpoints by id. No validation: the store's Cypher computes these. */
export interface PairRow {
  source: string;
  target: string;
  positive: number;
  negative: number;
  count: number;
  /** Parallel lists: events per interaction type. */
  types: readonly string[];
  typeCounts: readonly number[];
  firstTs: number | null;
  lastTs: number | null;
}

const PREFIX = 'nichegraph/analysis/pair-table';

/** Bytes a table holds: its columns plus an estimate for the id strings (for cache budgets). */
export function pairTableBytes(table: PairTable): number {
  let bytes = 0;
  for (const column of [table.source, table.target, table.positive, table.negative, table.count, table.firstTs, table.lastTs, table.typeOffsets, table.typeIds, table.typeCounts]) {
    bytes += column.byteLength;
  }
  // V8 keeps one-byte strings at about 1 byte a character plus a header, and the array a pointer each.
  for (const id of table.accounts) bytes += 32 + id.length;
  return bytes;
}

type Column = Int32Array | Float64Array;

/** A typed array of the same kind and content whose memory can be shared between threads. */
function shared<T extends Column>(from: T, length: number): T {
  const Kind = from.constructor as { new (buffer: SharedArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number };
  const out = new Kind(new SharedArrayBuffer(Math.max(1, length) * Kind.BYTES_PER_ELEMENT), 0, length);
  out.set(from.subarray(0, length));
  return out;
}

function grown<T extends Column>(column: T, capacity: number): T {
  const Kind = column.constructor as { new (length: number): T };
  const out = new Kind(capacity);
  out.set(column);
  return out;
}

/**
 * Collects streamed rows (endpoints as ids, in any order) into a PairTable. Memory: the
 * columns grow by doubling, ids are interned once per account.
 */
export class PairTableBuilder {
  private readonly seen = new Map<string, number>();
  private readonly seenIds: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly typeNames: string[] = [];
  private rows = 0;
  private typeEntries = 0;
  private spent = false;
  private source = new Int32Array(1024);
  private target = new Int32Array(1024);
  private positive = new Float64Array(1024);
  private negative = new Float64Array(1024);
  private count = new Float64Array(1024);
  private firstTs = new Float64Array(1024);
  private lastTs = new Float64Array(1024);
  private typeEnds = new Int32Array(1024);
  private typeIds = new Int32Array(1024);
  private typeCounts = new Float64Array(1024);

  get size(): number {
    return this.rows;
  }

  private intern(id: string): number {
    let i = this.seen.get(id);
    if (i === undefined) {
      i = this.seenIds.length;
      this.seen.set(id, i);
      this.seenIds.push(id);
    }
    return i;
  }

  add(row: PairRow): void {
    if (this.spent) throw new Error(`${PREFIX}: add() after finish().`);
    const r = this.rows;
    if (r === this.source.length) {
      const capacity = 2 * r;
      this.source = grown(this.source, capacity);
      this.target = grown(this.target, capacity);
      this.positive = grown(this.positive, capacity);
      this.negative = grown(this.negative, capacity);
      this.count = grown(this.count, capacity);
      this.firstTs = grown(this.firstTs, capacity);
      this.lastTs = grown(this.lastTs, capacity);
      this.typeEnds = grown(this.typeEnds, capacity);
    }
    this.source[r] = this.intern(row.source);
    this.target[r] = this.intern(row.target);
    this.positive[r] = row.positive;
    this.negative[r] = row.negative;
    this.count[r] = row.count;
    this.firstTs[r] = row.firstTs ?? Number.NaN;
    this.lastTs[r] = row.lastTs ?? Number.NaN;
    const n = Math.min(row.types.length, row.typeCounts.length);
    if (this.typeEntries + n > this.typeIds.length) {
      const capacity = Math.max(2 * this.typeIds.length, this.typeEntries + n);
      this.typeIds = grown(this.typeIds, capacity);
      this.typeCounts = grown(this.typeCounts, capacity);
    }
    for (let k = 0; k < n; k++) {
      const name = row.types[k] as string;
      let id = this.typeIndex.get(name);
      if (id === undefined) {
        id = this.typeNames.length;
        this.typeIndex.set(name, id);
        this.typeNames.push(name);
      }
      this.typeIds[this.typeEntries] = id;
      this.typeCounts[this.typeEntries++] = row.typeCounts[k] as number;
    }
    this.typeEnds[r] = this.typeEntries;
    this.rows = r + 1;
  }

  /**
   * The table, given every account id of the graph (any order). Throws when an id is
   * listed twice, when a row names an account missing from `accounts`, or (unless
   * `mergeDuplicates`) when an ordered pair was added twice; with it, rows of the same
   * pair are merged: weights, counts and events per type summed, the timestamps' span
   * widened (edge lists with parallel arcs). `where` names the input in messages.
   */
  finish(
    accounts: readonly string[],
    where = { accounts: 'accounts', pairs: 'pairs' },
    options: { mergeDuplicates?: boolean } = {},
  ): PairTable {
    if (this.spent) throw new Error(`${PREFIX}: finish() was already called on this builder.`);
    const ids = sortedUniqueIds(accounts, where.accounts);
    const order = ids.length;
    const finalIndex = new Map<string, number>();
    for (let i = 0; i < order; i++) finalIndex.set(ids[i] as string, i);
    // Interned (first-seen) index -> final index.
    const remap = new Int32Array(this.seenIds.length);
    for (let k = 0; k < this.seenIds.length; k++) {
      const id = this.seenIds[k] as string;
      const i = finalIndex.get(id);
      if (i === undefined) {
        const row = this.firstRowNaming(k);
        const field = this.source[row] === k ? 'source' : 'target';
        throw new Error(`${PREFIX}: ${where.pairs}[${row}].${field} '${id}' is not in ${where.accounts}.`);
      }
      remap[k] = i;
    }
    finalIndex.clear();
    this.spent = true;

    const m = this.rows;
    // Remapped in place: the builder is spent after finish.
    const source = this.source.subarray(0, m);
    const target = this.target.subarray(0, m);
    for (let r = 0; r < m; r++) {
      source[r] = remap[source[r] as number] as number;
      target[r] = remap[target[r] as number] as number;
    }
    // Row order by (source, target): a stable counting sort by target, then by source.
    const rowOrder = countingOrder(source, order, countingOrder(target, order, null));

    // Distinct pairs, to size the shared columns exactly.
    let size = m;
    for (let k = 1; k < m; k++) {
      const a = rowOrder[k - 1] as number;
      const b = rowOrder[k] as number;
      if (source[a] === source[b] && target[a] === target[b]) {
        if (!options.mergeDuplicates) {
          throw new Error(`${PREFIX}: the pair '${ids[source[b] as number] as string}' -> '${ids[target[b] as number] as string}' appears twice in ${where.pairs}.`);
        }
        size--;
      }
    }

    const ints = (n: number) => new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
    const floats = (n: number) => new Float64Array(new SharedArrayBuffer(Math.max(1, n) * 8), 0, n);
    const out: PairTable = {
      accounts: ids,
      size,
      source: ints(size),
      target: ints(size),
      positive: floats(size),
      negative: floats(size),
      count: floats(size),
      firstTs: floats(size),
      lastTs: floats(size),
      typeNames: this.typeNames.slice(),
      typeOffsets: ints(size + 1),
      typeIds: ints(0),
      typeCounts: floats(0),
    };
    const typeIds = new Int32Array(this.typeEntries);
    const typeCounts = new Float64Array(this.typeEntries);
    let entries = 0;
    let k = -1;
    for (let q = 0; q < m; q++) {
      const r = rowOrder[q] as number;
      const s = source[r] as number;
      const t = target[r] as number;
      const typesFrom = r === 0 ? 0 : (this.typeEnds[r - 1] as number);
      const typesTo = this.typeEnds[r] as number;
      if (k >= 0 && out.source[k] === s && out.target[k] === t) {
        // A duplicate (only reached with mergeDuplicates): fold into row k.
        out.positive[k] = (out.positive[k] as number) + (this.positive[r] as number);
        out.negative[k] = (out.negative[k] as number) + (this.negative[r] as number);
        out.count[k] = (out.count[k] as number) + (this.count[r] as number);
        const first = this.firstTs[r] as number;
        const last = this.lastTs[r] as number;
        if (!Number.isNaN(first) && !((out.firstTs[k] as number) <= first)) out.firstTs[k] = first;
        if (!Number.isNaN(last) && !((out.lastTs[k] as number) >= last)) out.lastTs[k] = last;
        const rowStart = out.typeOffsets[k] as number;
        for (let e = typesFrom; e < typesTo; e++) {
          let at = rowStart;
          while (at < entries && typeIds[at] !== this.typeIds[e]) at++;
          if (at === entries) {
            typeIds[entries] = this.typeIds[e] as number;
            typeCounts[entries++] = 0;
          }
          typeCounts[at] = (typeCounts[at] as number) + (this.typeCounts[e] as number);
        }
        out.typeOffsets[k + 1] = entries;
        continue;
      }
      k++;
      out.source[k] = s;
      out.target[k] = t;
      out.positive[k] = this.positive[r] as number;
      out.negative[k] = this.negative[r] as number;
      out.count[k] = this.count[r] as number;
      out.firstTs[k] = this.firstTs[r] as number;
      out.lastTs[k] = this.lastTs[r] as number;
      out.typeOffsets[k] = entries;
      for (let e = typesFrom; e < typesTo; e++) {
        typeIds[entries] = this.typeIds[e] as number;
        typeCounts[entries++] = this.typeCounts[e] as number;
      }
      out.typeOffsets[k + 1] = entries;
    }
    out.typeIds = shared(typeIds, entries);
    out.typeCounts = shared(typeCounts, entries);
    return out;
  }

  private firstRowNaming(interned: number): number {
    for (let r = 0; r < this.rows; r++) if (this.source[r] === interned || this.target[r] === interned) return r;
    return -1;
  }
}

/** Row indices ordered by `key` (0 .. range - 1), stably over `within` (or 0 .. n - 1). */
export function countingOrder(key: Int32Array, range: number, within: Int32Array | null): Int32Array {
  const n = key.length;
  const starts = new Int32Array(range + 1);
  for (let r = 0; r < n; r++) starts[(key[r] as number) + 1] = (starts[(key[r] as number) + 1] as number) + 1;
  for (let i = 0; i < range; i++) starts[i + 1] = (starts[i + 1] as number) + (starts[i] as number);
  const out = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const r = within === null ? k : (within[k] as number);
    const slot = key[r] as number;
    out[starts[slot] as number] = r;
    starts[slot] = (starts[slot] as number) + 1;
  }
  return out;
}

function sortedUniqueIds(accounts: readonly string[], where: string): string[] {
  if (!Array.isArray(accounts)) throw new TypeError(`${PREFIX}: ${where} must be an array.`);
  const ids = accounts.slice();
  let sorted = true;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i];
    if (typeof id !== 'string') throw new TypeError(`${PREFIX}: ${where}[${i}] is not a string.`);
    if (i > 0 && !((ids[i - 1] as string) < id)) sorted = false;
  }
  if (!sorted) {
    ids.sort();
    for (let i = 1; i < ids.length; i++) {
      if (ids[i - 1] === ids[i]) throw new Error(`${PREFIX}: account '${String(ids[i])}' is listed twice.`);
    }
  }
  return ids;
}

function checkWeight(value: unknown, field: string, row: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${PREFIX}: projection.pairs[${row}].${field} must be a finite number >= 0, got ${String(value)}.`);
  }
  return value;
}

/**
 * The table of a projection given as row objects (tests, benchmarks, callers outside the
 * store), validated: a weight must be finite and >= 0; a count that is not a positive
 * finite number counts as 1 event; a pair without type counts counts as type "unknown".
 */
export function pairTableFromProjection(projection: Projection): PairTable {
  if (projection === null || typeof projection !== 'object') throw new TypeError(`${PREFIX}: the projection must be an object.`);
  const { pairs } = projection;
  if (!Array.isArray(pairs)) throw new TypeError(`${PREFIX}: projection.pairs must be an array.`);
  const builder = new PairTableBuilder();
  for (let row = 0; row < pairs.length; row++) {
    const pair = pairs[row];
    if (pair === null || typeof pair !== 'object') throw new TypeError(`${PREFIX}: projection.pairs[${row}] is not an object.`);
    if (typeof pair.source !== 'string') throw new TypeError(`${PREFIX}: projection.pairs[${row}].source is not a string.`);
    if (typeof pair.target !== 'string') throw new TypeError(`${PREFIX}: projection.pairs[${row}].target is not a string.`);
    const count = typeof pair.count === 'number' && Number.isFinite(pair.count) && pair.count > 0 ? pair.count : 1;
    const types = pair.types ?? { unknown: count };
    builder.add({
      source: pair.source,
      target: pair.target,
      positive: checkWeight(pair.positive, 'positive', row),
      negative: checkWeight(pair.negative, 'negative', row),
      count,
      types: Object.keys(types),
      typeCounts: Object.values(types),
      firstTs: typeof pair.firstTs === 'number' ? pair.firstTs : null,
      lastTs: typeof pair.lastTs === 'number' ? pair.lastTs : null,
    });
  }
  return builder.finish(projection.accounts, { accounts: 'projection.accounts', pairs: 'projection.pairs' });
}

/** Whether a value is a PairTable rather than a row-object Projection. */
export function isPairTable(value: Projection | PairTable): value is PairTable {
  return (value as PairTable).source instanceof Int32Array;
}

/** The rows of a table as objects, in table order (tests, debugging, small exports). */
export function pairTableRows(table: PairTable): ProjectedPair[] {
  const rows: ProjectedPair[] = [];
  for (let r = 0; r < table.size; r++) {
    const types: Record<string, number> = {};
    for (let e = table.typeOffsets[r] as number, end = table.typeOffsets[r + 1] as number; e < end; e++) {
      types[table.typeNames[table.typeIds[e] as number] as string] = table.typeCounts[e] as number;
    }
    const first = table.firstTs[r] as number;
    const last = table.lastTs[r] as number;
    rows.push({
      source: table.accounts[table.source[r] as number] as string,
      target: table.accounts[table.target[r] as number] as string,
      positive: table.positive[r] as number,
      negative: table.negative[r] as number,
      count: table.count[r] as number,
      types,
      firstTs: Number.isNaN(first) ? null : first,
      lastTs: Number.isNaN(last) ? null : last,
    });
  }
  return rows;
}
