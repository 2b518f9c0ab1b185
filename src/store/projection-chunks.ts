/**
 * Projection chunks: a graph's interaction events kept a second time, column-wise, so that a
 * projection reads a few large records instead of one relationship per event
 * (cypher/projection-chunk*.cypher; issue 10 item 2).
 *
 * Why: reading one INTERACTED relationship per event costs Neo4j itself about 5 s for
 * higgs-retweet's 328k interactions on 2 cores (bench/README.md, Projection); the same events
 * read back from a handful of stored strings cost a few hundred milliseconds.
 *
 * A chunk, (:ProjectionChunk {graphId, seq, part, events, accounts, types, columns, counted,
 * layout}), holds the events one transaction stored:
 *   - `accounts`: JSON array of the account ids its events name (plus, for an ingest, the
 *     accounts its batch listed; for a rebuild, every account of the graph), the chunk's own
 *     dictionary: events refer to accounts by their position in it;
 *   - `types`: JSON array of its interaction type names (same idea);
 *   - `columns`: base64 of the packed columns (little-endian, layout 1): weight (float64),
 *     ts (float64 epoch ms, NaN when none), count (float64, only when `counted`: a folded
 *     relationship's events, src/store/fold.ts), source, target, type (int32 positions in
 *     the dictionaries). A string, not a byte array: neo4j-driver decodes a byte array one
 *     byte per call, a string with one Buffer.toString per Bolt chunk, so a 1.9 MB column
 *     string costs the client a few milliseconds (base64 adds a third to the size);
 *   - `seq`: the graph version of the transaction that wrote it (ingest-lock-graph raised
 *     it); `part`: its position among the chunks of that transaction (a rebuild writes
 *     several). Chunks are read in (seq, part) order, so sums add up in the same order on
 *     every read of the same data.
 *
 * Exactness: the chunk set stands for exactly the graph's INTERACTED relationships while the
 * graph's `projectionChunks` is 'valid' (set when a graph is created, and by a rebuild):
 *   - an ingest writes its chunk in its own transaction (ingestion.ts): only the events it
 *     stored (new relationships, and the count and weight it added to folded ones: the
 *     projection sums them, so an addition is an event row of its own), after the duplicate
 *     and erasure checks; replays store nothing and write no chunk;
 *   - an erasure (erasure-begin, erasure-finish) marks the set 'stale': its deletions are
 *     not mirrored. A graph from before chunks existed has no state ('missing');
 *   - graph deletion deletes the chunks with the graph (graph-delete).
 * A projection of a graph whose set is not valid rebuilds it first (rebuild(): one write
 * transaction under the graph's lock that reads the relationships, as the projection
 * did before chunks, and writes them as chunks), then reads the chunks; when the rebuild
 * fails (e.g. a graph too large for one transaction) it reads the relationships instead.
 */
import { endianness } from 'node:os';
import type { ManagedTransaction } from 'neo4j-driver';
import type { Neo4jContext } from './neo4j-context.js';
import { firstRecord, int, toNumber } from './neo4j-values.js';

/** Events per chunk a rebuild writes (an ingest writes one chunk per batch, whatever its size). */
export const REBUILD_EVENTS_PER_CHUNK = 50_000;

/** The packed-columns layout this module writes and reads. */
export const CHUNK_LAYOUT = 1;

const PREFIX = 'store/projection-chunks';

if (endianness() !== 'LE') throw new Error(`${PREFIX}: the packed columns assume a little-endian machine.`);

/** One event column set, before packing (positions in the chunk's dictionaries). */
export interface ChunkEvents {
  accounts: string[];
  types: string[];
  weight: Float64Array;
  ts: Float64Array;
  /** Events per row (folded relationships); null: one each. */
  count: Float64Array | null;
  source: Int32Array;
  target: Int32Array;
  type: Int32Array;
}

/** A chunk as stored (the parameters of cypher/projection-chunk-write.cypher but graphId, seq and part). */
export interface PackedChunk {
  events: number;
  accounts: string;
  types: string;
  columns: string;
  counted: boolean;
}

/** Builds a chunk's dictionaries and columns from events named by account id and type name. */
export class ChunkBuilder {
  private readonly accountIndex = new Map<string, number>();
  private readonly accounts: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly types: string[] = [];
  private n = 0;
  private weight = new Float64Array(1024);
  private ts = new Float64Array(1024);
  private count = new Float64Array(1024);
  private counted = false;
  private source = new Int32Array(1024);
  private target = new Int32Array(1024);
  private type = new Int32Array(1024);

  get size(): number {
    return this.n;
  }

  get accountCount(): number {
    return this.accounts.length;
  }

  account(id: string): number {
    let at = this.accountIndex.get(id);
    if (at === undefined) {
      at = this.accounts.length;
      this.accountIndex.set(id, at);
      this.accounts.push(id);
    }
    return at;
  }

  /** One event (or a folded row of `count` events); ts: epoch ms or null. */
  add(source: string, target: string, type: string | null, weight: number, ts: number | null, count = 1): void {
    if (this.n === this.weight.length) this.grow();
    const typeName = type ?? 'unknown';
    let typeAt = this.typeIndex.get(typeName);
    if (typeAt === undefined) {
      typeAt = this.types.length;
      this.typeIndex.set(typeName, typeAt);
      this.types.push(typeName);
    }
    const k = this.n++;
    this.source[k] = this.account(source);
    this.target[k] = this.account(target);
    this.type[k] = typeAt;
    this.weight[k] = weight;
    this.ts[k] = ts === null ? Number.NaN : ts;
    this.count[k] = count;
    if (count !== 1) this.counted = true;
  }

  pack(): PackedChunk {
    const n = this.n;
    const counted = this.counted;
    const floats = counted ? 3 : 2;
    const bytes = new Uint8Array(n * (8 * floats + 12));
    const buffer = bytes.buffer;
    new Float64Array(buffer, 0, n).set(this.weight.subarray(0, n));
    new Float64Array(buffer, 8 * n, n).set(this.ts.subarray(0, n));
    if (counted) new Float64Array(buffer, 16 * n, n).set(this.count.subarray(0, n));
    const ints = 8 * floats * n;
    new Int32Array(buffer, ints, n).set(this.source.subarray(0, n));
    new Int32Array(buffer, ints + 4 * n, n).set(this.target.subarray(0, n));
    new Int32Array(buffer, ints + 8 * n, n).set(this.type.subarray(0, n));
    return {
      events: n,
      accounts: JSON.stringify(this.accounts),
      types: JSON.stringify(this.types),
      columns: Buffer.from(buffer).toString('base64'),
      counted,
    };
  }

  private grow(): void {
    const capacity = 2 * this.weight.length;
    const f = (a: Float64Array) => {
      const out = new Float64Array(capacity);
      out.set(a);
      return out;
    };
    const i = (a: Int32Array) => {
      const out = new Int32Array(capacity);
      out.set(a);
      return out;
    };
    this.weight = f(this.weight);
    this.ts = f(this.ts);
    this.count = f(this.count);
    this.source = i(this.source);
    this.target = i(this.target);
    this.type = i(this.type);
  }
}

/** A stored chunk's columns back as typed arrays (checked against its event count). */
export function unpackChunk(chunk: { events: number; accounts: string; types: string; columns: string; counted: boolean; layout: number }): ChunkEvents {
  if (chunk.layout !== CHUNK_LAYOUT) throw new Error(`${PREFIX}: chunk layout ${chunk.layout} is not ${CHUNK_LAYOUT}.`);
  const n = chunk.events;
  const floats = chunk.counted ? 3 : 2;
  const decoded = Buffer.from(chunk.columns, 'base64');
  if (decoded.length !== n * (8 * floats + 12)) throw new Error(`${PREFIX}: a chunk of ${n} events has ${decoded.length} bytes of columns.`);
  // Typed arrays need an aligned offset: copy when Buffer's pool gave an unaligned one.
  const bytes = decoded.byteOffset % 8 === 0 ? decoded : new Uint8Array(decoded);
  const buffer = bytes.buffer;
  const at = bytes.byteOffset;
  const ints = at + 8 * floats * n;
  const accounts = JSON.parse(chunk.accounts) as unknown;
  const types = JSON.parse(chunk.types) as unknown;
  if (!Array.isArray(accounts) || !Array.isArray(types)) throw new Error(`${PREFIX}: a chunk's dictionaries are not lists.`);
  return {
    accounts: accounts as string[],
    types: types as string[],
    weight: new Float64Array(buffer, at, n),
    ts: new Float64Array(buffer, at + 8 * n, n),
    count: chunk.counted ? new Float64Array(buffer, at + 16 * n, n) : null,
    source: new Int32Array(buffer, ints, n),
    target: new Int32Array(buffer, ints + 4 * n, n),
    type: new Int32Array(buffer, ints + 8 * n, n),
  };
}

/** Writes one chunk in the caller's transaction (an ingest's or a rebuild's). */
export function writeChunk(ctx: Neo4jContext, tx: ManagedTransaction, graphId: string, seq: number, part: number, chunk: PackedChunk) {
  return tx.run(ctx.q.get('projection-chunk-write'), {
    graphId,
    seq: int(seq),
    part: int(part),
    events: int(chunk.events),
    accounts: chunk.accounts,
    types: chunk.types,
    columns: chunk.columns,
    counted: chunk.counted,
    layout: int(CHUNK_LAYOUT),
  });
}

/**
 * Rebuilds a graph's chunk set from its relationships (module comment), in one write
 * transaction under the graph's lock. Returns false when the graph is unknown or being
 * deleted; true when the set is valid afterwards (rebuilt here, or by another caller first).
 */
export async function rebuildChunks(ctx: Neo4jContext, graphId: string, eventsPerChunk = REBUILD_EVENTS_PER_CHUNK): Promise<boolean> {
  const { q } = ctx;
  const started = Date.now();
  const outcome = await ctx.inWrite(async (tx) => {
    const locked = firstRecord(await tx.run(q.get('projection-chunks-lock'), { graphId }));
    if (!locked) return { done: false, events: 0, chunks: 0 };
    if (locked.get('state') === 'valid') return { done: true, events: 0, chunks: 0 };
    const seq = toNumber(locked.get('version'));
    const folded = locked.get('fold') === 'day';
    await tx.run(q.get('projection-chunks-delete'), { graphId });
    // The relationships as the relationship-read projection streams them, nothing left out.
    const ids: string[] = [];
    const position = new Map<number, number>();
    let builder = new ChunkBuilder();
    let part = 0;
    let events = 0;
    const writes: Array<Promise<unknown>> = [];
    const flush = () => {
      writes.push(writeChunk(ctx, tx, graphId, seq, part++, builder.pack()).summary());
      builder = new ChunkBuilder();
    };
    const query = tx.run(q.get('project-graph'), {
      graphId,
      from: null,
      to: null,
      timedOnly: false,
      droppedTypes: [],
      folded,
      idsPerRecord: int(2_000),
      eventsPerRecord: 1_500,
    });
    let accountsListed = false;
    for await (const record of query) {
      const chunkIds = record.get('ids') as unknown[] | null;
      if (chunkIds !== null) {
        const nodes = record.get('nodes') as number[];
        for (let k = 0; k < chunkIds.length; k++) {
          position.set(nodes[k] as number, ids.length);
          ids.push(chunkIds[k] as string);
        }
        continue;
      }
      if (!accountsListed) {
        // Every account goes in the first chunk's dictionary: accounts without events too.
        for (const id of ids) builder.account(id);
        accountsListed = true;
      }
      const type = record.get('type') as string | null;
      const source = record.get('source') as number[];
      const target = record.get('target') as number[];
      const weight = record.get('weight') as number[];
      const ts = record.get('ts') as number[];
      const count = record.get('count') as number[] | null;
      for (let k = 0; k < source.length; k++) {
        const t = position.get(target[k] as number);
        // Cannot happen under the graph lock (every endpoint is an account of the list).
        if (t === undefined) throw new Error(`${PREFIX}: an interaction of graph '${graphId}' points outside its account list; rebuild rolled back.`);
        const time = ts[k] as number;
        builder.add(ids[source[k] as number] as string, ids[t] as string, type, weight[k] as number, Number.isNaN(time) ? null : time, count === null ? 1 : (count[k] as number));
        events++;
        if (builder.size >= eventsPerChunk) flush();
      }
    }
    if (!accountsListed) for (const id of ids) builder.account(id);
    if (builder.size > 0 || builder.accountCount > 0) flush();
    const settled = await Promise.allSettled(writes);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    await tx.run(q.get('projection-chunks-valid'), { graphId });
    return { done: true, events, chunks: part };
  });
  if (outcome.chunks > 0 || outcome.events > 0) ctx.log.info({ graphId, ...outcome, ms: Date.now() - started }, 'rebuilt projection chunks');
  return outcome.done;
}
