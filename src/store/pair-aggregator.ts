/**
 * Folds a graph's interaction events, as the projection query streams them (columns of a
 * few thousand events per record, cypher/project-graph.cypher), into a PairTable: one row per
 * ordered pair (source, target) with the weighted positive and |negative| sums, the event
 * count, the events per interaction type and the first and last timestamp.
 *
 * Semantics (those of the projection, src/store/port.ts ProjectionParams):
 *   - an event's weight is weight * typeWeights[type] (1 for a type not listed); a type
 *     weighted 0 is dropped (not counted); `eventFactor` (when given) multiplies each event's
 *     weight too: the hook for a per-event factor such as a time decay (it sees the
 *     event's timestamp, NaN when it has none);
 *   - positive and negative weighted sums are kept apart (negative as its absolute value);
 *   - a pair whose positive + negative is below minWeight is dropped;
 *   - the time window is applied by the query, not here (addEvents), or here (addColumns,
 *     for events read from projection chunks: src/store/projection-chunks.ts).
 *
 * Memory: no object per event or pair. Events arrive batch by batch, a batch holding every
 * event of a run of source accounts (so a pair never spans two batches); a batch is
 * sorted by (source, target) (counting sort by source, then by target inside each
 * source) and folded into the output columns at once, so only the pairs and one batch are
 * ever held. Accounts are indexed by their position in the list the query streams first
 * (sorted by id on the server); when that order is not JavaScript's string order (ids
 * beyond the Basic Multilingual Plane), finish() re-sorts accounts and rows.
 */
import { countingOrder, type PairTable } from '../analysis/pair-table.js';

const PREFIX = 'store/pair-aggregator';

export interface PairAggregationParams {
  /** Multiplier per interaction type; a type not listed keeps weight * 1. 0 drops the type. */
  typeWeights: Record<string, number>;
  /** Pairs whose positive + negative is below this are dropped. */
  minWeight: number;
  /** Optional extra factor per event (e.g. a time decay), from its timestamp (NaN: none). */
  eventFactor?: (ts: number) => number;
}

type Column = Int32Array | Float64Array;

function grown<T extends Column>(column: T, capacity: number): T {
  const Kind = column.constructor as { new (length: number): T };
  const out = new Kind(capacity);
  out.set(column);
  return out;
}

/** A shared-memory copy of the first `length` entries (a PairTable's columns cross threads for free). */
function shared<T extends Column>(from: T, length: number): T {
  const Kind = from.constructor as { new (buffer: SharedArrayBuffer, offset: number, length: number): T; BYTES_PER_ELEMENT: number };
  const out = new Kind(new SharedArrayBuffer(Math.max(1, length) * Kind.BYTES_PER_ELEMENT), 0, length);
  out.set(from.subarray(0, length));
  return out;
}

export class PairAggregator {
  private readonly typeWeights: Record<string, number>;
  private readonly minWeight: number;
  private readonly eventFactor: ((ts: number) => number) | undefined;

  // Accounts, in the order the query streams them.
  private ids: string[] = [];
  private nodes: number[] = [];
  private nodeIndex: ((node: number) => number) | null = null;

  // Interaction types, first seen first; factor per type id.
  private readonly typeIndex = new Map<string, number>();
  private readonly typeNames: string[] = [];
  private typeFactor = new Float64Array(8);

  // The batch being collected.
  private batchSize = 0;
  private bSource = new Int32Array(4096);
  private bTarget = new Int32Array(4096);
  private bWeight = new Float64Array(4096);
  private bType = new Int32Array(4096);
  private bTs = new Float64Array(4096);
  /** Events per row: 1, or a folded relationship's count (src/store/fold.ts). */
  private bCount = new Float64Array(4096);
  private order = new Int32Array(4096);

  // The pairs.
  private rows = 0;
  private entries = 0;
  private sorted = true;
  private source = new Int32Array(4096);
  private target = new Int32Array(4096);
  private positive = new Float64Array(4096);
  private negative = new Float64Array(4096);
  private count = new Float64Array(4096);
  private firstTs = new Float64Array(4096);
  private lastTs = new Float64Array(4096);
  private typeEnds = new Int32Array(4096);
  private typeIds = new Int32Array(4096);
  private typeCounts = new Float64Array(4096);

  /** Events dropped because their target account was created after the account list was read. */
  droppedEvents = 0;

  constructor(params: PairAggregationParams) {
    this.typeWeights = params.typeWeights;
    this.minWeight = params.minWeight;
    this.eventFactor = params.eventFactor;
  }

  /** A chunk of accounts: their ids and their database node ids, in the query's order. */
  addAccounts(ids: readonly unknown[], nodes: readonly unknown[]): void {
    if (this.nodeIndex !== null) throw new Error(`${PREFIX}: accounts after the first events.`);
    if (ids.length !== nodes.length) throw new Error(`${PREFIX}: ${ids.length} account ids for ${nodes.length} nodes.`);
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k];
      const node = nodes[k];
      if (typeof id !== 'string' || typeof node !== 'number') throw new TypeError(`${PREFIX}: account ${k} of a chunk is not (string, number).`);
      this.ids.push(id);
      this.nodes.push(node);
    }
  }

  /**
   * Events of one type: parallel lists of source positions (in the account list), target
   * node ids, raw weights and timestamps (epoch ms, NaN when none), and for a folded graph
   * the events each row stands for (`counts`; null: one each). A folded row counts as its
   * `count` events with its weight sum (src/store/fold.ts). Every event of a source must be
   * in the same batch (see endBatch).
   */
  addEvents(
    type: unknown,
    sources: readonly unknown[],
    targets: readonly unknown[],
    weights: readonly unknown[],
    ts: readonly unknown[],
    counts: readonly unknown[] | null = null,
  ): void {
    const n = sources.length;
    if (targets.length !== n || weights.length !== n || ts.length !== n || (counts !== null && counts.length !== n)) {
      throw new Error(`${PREFIX}: event columns of different lengths (${n}, ${targets.length}, ${weights.length}, ${ts.length}).`);
    }
    const typeId = this.typeOf(type);
    const factor = this.typeFactor[typeId] as number;
    if (factor === 0) return;
    const index = this.nodeIndex ?? (this.nodeIndex = this.buildNodeIndex());
    if (this.batchSize + n > this.bSource.length) this.growBatch(this.batchSize + n);
    const accounts = this.ids.length;
    const eventFactor = this.eventFactor;
    let b = this.batchSize;
    for (let k = 0; k < n; k++) {
      const s = sources[k] as number;
      const t = index(targets[k] as number);
      if (t < 0) {
        this.droppedEvents++;
        continue;
      }
      if (!(s >= 0 && s < accounts)) throw new RangeError(`${PREFIX}: source position ${String(s)} outside the account list.`);
      const time = ts[k] as number;
      let w = (weights[k] as number) * factor;
      if (eventFactor !== undefined) w *= eventFactor(time);
      this.bSource[b] = s;
      this.bTarget[b] = t;
      this.bWeight[b] = w;
      this.bType[b] = typeId;
      this.bTs[b] = time;
      this.bCount[b] = counts === null ? 1 : (counts[k] as number);
      b++;
    }
    this.batchSize = b;
  }

  /**
   * Events of a projection chunk (src/store/projection-chunks.ts): sources and targets as
   * node ids (of the accounts given to addAccounts; an event naming another is left out and
   * counted in droppedEvents), types as positions in `typeNames`, weights, timestamps (NaN:
   * none) and per-row counts (null: one each). The window is applied here: an event outside [from, to) (an
   * event without a timestamp is outside any bound) or without a timestamp when
   * `timedOnly` is left out. All of a source's events must reach the same batch.
   */
  addColumns(
    typeNames: readonly string[],
    columns: { source: Float64Array; target: Float64Array; type: Int32Array; weight: Float64Array; ts: Float64Array; count: Float64Array | null },
    window: { from: number | null; to: number | null; timedOnly: boolean },
  ): void {
    const { source, target, type, weight, ts, count } = columns;
    const n = source.length;
    if (target.length !== n || type.length !== n || weight.length !== n || ts.length !== n || (count !== null && count.length !== n)) {
      throw new Error(`${PREFIX}: chunk columns of different lengths.`);
    }
    const typeIds = new Int32Array(typeNames.length);
    for (let k = 0; k < typeNames.length; k++) typeIds[k] = this.typeOf(typeNames[k]);
    if (this.batchSize + n > this.bSource.length) this.growBatch(this.batchSize + n);
    const index = this.nodeIndex ?? (this.nodeIndex = this.buildNodeIndex());
    const eventFactor = this.eventFactor;
    const from = window.from ?? Number.NEGATIVE_INFINITY;
    const to = window.to ?? Number.POSITIVE_INFINITY;
    const bounded = window.from !== null || window.to !== null || window.timedOnly;
    let b = this.batchSize;
    for (let k = 0; k < n; k++) {
      const time = ts[k] as number;
      // NaN fails both comparisons: an event without a timestamp is outside any bound.
      if (bounded && !(time >= from && time < to)) continue;
      const local = type[k] as number;
      if (!(local >= 0 && local < typeIds.length)) throw new RangeError(`${PREFIX}: type position ${local} outside the chunk's types.`);
      const typeId = typeIds[local] as number;
      const factor = this.typeFactor[typeId] as number;
      if (factor === 0) continue;
      const s = index(source[k] as number);
      const t = index(target[k] as number);
      if (s < 0 || t < 0) {
        this.droppedEvents++;
        continue;
      }
      let w = (weight[k] as number) * factor;
      if (eventFactor !== undefined) w *= eventFactor(time);
      this.bSource[b] = s;
      this.bTarget[b] = t;
      this.bWeight[b] = w;
      this.bType[b] = typeId;
      this.bTs[b] = time;
      this.bCount[b] = count === null ? 1 : (count[k] as number);
      b++;
    }
    this.batchSize = b;
  }

  /** Folds the collected batch into pairs. Call it once every event of its sources was added. */
  endBatch(): void {
    const n = this.batchSize;
    if (n === 0) return;
    this.batchSize = 0;
    const { bSource, bTarget, bWeight, bType, bTs, bCount } = this;
    let lo = bSource[0] as number;
    let hi = lo;
    for (let e = 1; e < n; e++) {
      const s = bSource[e] as number;
      if (s < lo) lo = s;
      else if (s > hi) hi = s;
    }
    if (this.rows > 0 && lo <= (this.source[this.rows - 1] as number)) this.sorted = false;
    // Counting sort by source, then insertion sort by target inside each source's run
    // (runs are a source's out-events of one batch: short, but see sortRun for long ones).
    const range = hi - lo + 1;
    const starts = new Int32Array(range + 1);
    for (let e = 0; e < n; e++) {
      const slot = (bSource[e] as number) - lo + 1;
      starts[slot] = (starts[slot] as number) + 1;
    }
    for (let i = 0; i < range; i++) starts[i + 1] = (starts[i + 1] as number) + (starts[i] as number);
    const order = this.order;
    const fill = starts.slice(0, range);
    for (let e = 0; e < n; e++) {
      const slot = (bSource[e] as number) - lo;
      order[fill[slot] as number] = e;
      fill[slot] = (fill[slot] as number) + 1;
    }
    for (let i = 0; i < range; i++) {
      const from = starts[i] as number;
      const to = starts[i + 1] as number;
      if (to - from > 1) this.sortRun(from, to);
    }
    // Runs of equal (source, target) become one pair each.
    for (let q = 0; q < n; ) {
      const first = order[q] as number;
      const s = bSource[first] as number;
      const t = bTarget[first] as number;
      let end = q + 1;
      while (end < n && bTarget[order[end] as number] === t && bSource[order[end] as number] === s) end++;
      let positive = 0;
      let negative = 0;
      let events = 0;
      let firstTs = Number.NaN;
      let lastTs = Number.NaN;
      for (let k = q; k < end; k++) {
        const e = order[k] as number;
        const w = bWeight[e] as number;
        if (w > 0) positive += w;
        else if (w < 0) negative -= w;
        events += bCount[e] as number;
        const time = bTs[e] as number;
        // NaN compares false: the first timestamp seen replaces it.
        if (!Number.isNaN(time)) {
          if (!(firstTs <= time)) firstTs = time;
          if (!(lastTs >= time)) lastTs = time;
        }
      }
      if (positive + negative >= this.minWeight) this.emit(s, t, positive, negative, events, firstTs, lastTs, q, end);
      q = end;
    }
  }

  /**
   * The table, after the last endBatch(). Accounts are every account read, ascending in
   * JavaScript string order; rows ascending by (source, target).
   */
  finish(): PairTable {
    if (this.batchSize > 0) this.endBatch();
    const m = this.rows;
    let accounts = this.ids;
    let source = this.source.subarray(0, m);
    let target = this.target.subarray(0, m);
    let rowOrder: Int32Array | null = this.sorted ? null : countingOrder(source, accounts.length, countingOrder(target, accounts.length, null));
    if (!isAscending(accounts)) {
      // The server sorted by code point; JavaScript compares UTF-16 code units.
      const byId = Array.from(accounts.keys()).sort((a, b) => (accounts[a]! < accounts[b]! ? -1 : accounts[a]! > accounts[b]! ? 1 : 0));
      const remap = new Int32Array(accounts.length);
      byId.forEach((old, i) => (remap[old] = i));
      accounts = byId.map((old) => this.ids[old]!);
      for (let i = 1; i < accounts.length; i++) {
        if (accounts[i - 1] === accounts[i]) throw new Error(`${PREFIX}: account '${accounts[i]!}' is listed twice.`);
      }
      source = source.map((s) => remap[s] as number);
      target = target.map((t) => remap[t] as number);
      rowOrder = countingOrder(source, accounts.length, countingOrder(target, accounts.length, null));
    }
    // The types of the kept events, in code-unit order, so the table does not depend on
    // the order events came in.
    const used = new Uint8Array(this.typeNames.length);
    for (let e = 0; e < this.entries; e++) used[this.typeIds[e] as number] = 1;
    const names = this.typeNames.filter((_, id) => used[id] === 1).sort();
    const typeRemap = new Int32Array(this.typeNames.length).fill(-1);
    this.typeNames.forEach((name, id) => (typeRemap[id] = names.indexOf(name)));

    const ints = (n: number) => new Int32Array(new SharedArrayBuffer(Math.max(1, n) * 4), 0, n);
    const out: PairTable = {
      accounts,
      size: m,
      source: shared(source, m),
      target: shared(target, m),
      positive: shared(this.positive, m),
      negative: shared(this.negative, m),
      count: shared(this.count, m),
      firstTs: shared(this.firstTs, m),
      lastTs: shared(this.lastTs, m),
      typeNames: names,
      typeOffsets: ints(m + 1),
      typeIds: shared(this.typeIds, this.entries),
      typeCounts: shared(this.typeCounts, this.entries),
    };
    for (let e = 0; e < this.entries; e++) out.typeIds[e] = typeRemap[out.typeIds[e] as number] as number;
    if (rowOrder === null) {
      for (let r = 0; r < m; r++) out.typeOffsets[r + 1] = this.typeEnds[r] as number;
    } else {
      // Rows (and their type entries) in (source, target) order.
      let entries = 0;
      for (let k = 0; k < m; k++) {
        const r = rowOrder[k] as number;
        out.source[k] = source[r] as number;
        out.target[k] = target[r] as number;
        out.positive[k] = this.positive[r] as number;
        out.negative[k] = this.negative[r] as number;
        out.count[k] = this.count[r] as number;
        out.firstTs[k] = this.firstTs[r] as number;
        out.lastTs[k] = this.lastTs[r] as number;
        for (let e = r === 0 ? 0 : (this.typeEnds[r - 1] as number); e < (this.typeEnds[r] as number); e++) {
          out.typeIds[entries] = typeRemap[this.typeIds[e] as number] as number;
          out.typeCounts[entries++] = this.typeCounts[e] as number;
        }
        out.typeOffsets[k + 1] = entries;
      }
    }
    return out;
  }

  private typeOf(type: unknown): number {
    const name = type === null || type === undefined ? 'unknown' : String(type);
    let id = this.typeIndex.get(name);
    if (id === undefined) {
      id = this.typeNames.length;
      this.typeIndex.set(name, id);
      this.typeNames.push(name);
      if (id === this.typeFactor.length) this.typeFactor = grown(this.typeFactor, 2 * id);
      const listed = Object.prototype.hasOwnProperty.call(this.typeWeights, name) ? this.typeWeights[name] : undefined;
      this.typeFactor[id] = typeof listed === 'number' ? listed : 1;
    }
    return id;
  }

  /** Node id -> position in the account list (-1: not listed). A flat table when ids are dense enough, else a Map. */
  private buildNodeIndex(): (node: number) => number {
    const nodes = this.nodes;
    let max = -1;
    for (const node of nodes) if (node > max) max = node;
    if (max < 8 * nodes.length + (1 << 20)) {
      const table = new Int32Array(max + 1).fill(-1);
      for (let i = 0; i < nodes.length; i++) table[nodes[i] as number] = i;
      this.nodes = [];
      return (node) => (node >= 0 && node <= max ? (table[node] as number) : -1);
    }
    const map = new Map<number, number>();
    for (let i = 0; i < nodes.length; i++) map.set(nodes[i] as number, i);
    this.nodes = [];
    return (node) => map.get(node) ?? -1;
  }

  /** Sorts order[from..to) by target: insertion sort for short runs, a packed numeric sort for long ones. */
  private sortRun(from: number, to: number): void {
    const { order, bTarget } = this;
    const length = to - from;
    if (length <= 32) {
      for (let i = from + 1; i < to; i++) {
        const e = order[i] as number;
        const t = bTarget[e] as number;
        let j = i - 1;
        while (j >= from && (bTarget[order[j] as number] as number) > t) {
          order[j + 1] = order[j] as number;
          j--;
        }
        order[j + 1] = e;
      }
      return;
    }
    // target * 2^21 + position in the run: exact in a double (targets < 2^31, runs < 2^21).
    if (length < 1 << 21) {
      const keys = new Float64Array(length);
      for (let i = 0; i < length; i++) keys[i] = (bTarget[order[from + i] as number] as number) * 2097152 + i;
      keys.sort();
      const run = order.slice(from, to);
      for (let i = 0; i < length; i++) order[from + i] = run[(keys[i] as number) % 2097152] as number;
      return;
    }
    const run = Array.from(order.subarray(from, to)).sort((a, b) => (bTarget[a] as number) - (bTarget[b] as number) || a - b);
    order.set(run, from);
  }

  private emit(s: number, t: number, positive: number, negative: number, count: number, firstTs: number, lastTs: number, q: number, end: number): void {
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
    this.source[r] = s;
    this.target[r] = t;
    this.positive[r] = positive;
    this.negative[r] = negative;
    this.count[r] = count;
    this.firstTs[r] = firstTs;
    this.lastTs[r] = lastTs;
    // Events per type of this pair: a handful of entries, found by a linear scan.
    const rowStart = this.entries;
    if (rowStart + (end - q) > this.typeIds.length) {
      const capacity = Math.max(2 * this.typeIds.length, rowStart + (end - q));
      this.typeIds = grown(this.typeIds, capacity);
      this.typeCounts = grown(this.typeCounts, capacity);
    }
    for (let k = q; k < end; k++) {
      const type = this.bType[this.order[k] as number] as number;
      let at = rowStart;
      while (at < this.entries && this.typeIds[at] !== type) at++;
      if (at === this.entries) {
        this.typeIds[at] = type;
        this.typeCounts[at] = 0;
        this.entries++;
      }
      this.typeCounts[at] = (this.typeCounts[at] as number) + (this.bCount[this.order[k] as number] as number);
    }
    this.typeEnds[r] = this.entries;
    this.rows = r + 1;
  }

  private growBatch(needed: number): void {
    const capacity = Math.max(needed, 2 * this.bSource.length);
    this.bSource = grown(this.bSource, capacity);
    this.bTarget = grown(this.bTarget, capacity);
    this.bWeight = grown(this.bWeight, capacity);
    this.bType = grown(this.bType, capacity);
    this.bTs = grown(this.bTs, capacity);
    this.bCount = grown(this.bCount, capacity);
    this.order = new Int32Array(capacity);
  }
}

function isAscending(ids: readonly string[]): boolean {
  for (let i = 1; i < ids.length; i++) if (!((ids[i - 1] as string) < (ids[i] as string))) return false;
  return true;
}
