/**
 * Projection chunks: a graph's interaction events kept a second time, column-wise, so that a
 * projection reads a few large records instead of one relationship per event
 * (cypher/projection-chunk*.cypher; issue 10 item 2).
 *
 * Why: reading one INTERACTED relationship per event costs Neo4j itself about 5 s for
 * higgs-retweet's 328k interactions on 2 cores (bench/README.md, Projection); the same events
 * read back from a handful of stored strings cost a few hundred milliseconds.
 *
 * A chunk, (:ProjectionChunk {graphId, seq, part, events, types, columns, counted, layout}),
 * holds the events one transaction stored:
 *   - accounts are named by their node ids (what ingest-account-ids returns): no string per
 *     event, and the projection maps them through the account list it reads from the index
 *     in id order (as the relationship read does). A node id stays its account's while the
 *     account exists; accounts are deleted only by an erasure (the set is then stale) and
 *     with their graph (the chunks go too), so a valid set never names a reused id;
 *   - `types`: JSON array of its interaction type names, the chunk's own dictionary;
 *   - `columns`: base64 of the packed columns (little-endian, layout 1): weight (float64),
 *     ts (float64 epoch ms, NaN when none), count (float64, only when `counted`: a folded
 *     relationship's events, src/store/fold.ts), source, target (float64 node ids), type
 *     (int32 positions in `types`). A string, not a byte array: neo4j-driver decodes a byte array one
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

/** A chunk's events, unpacked. */
export interface ChunkEvents {
  types: string[];
  weight: Float64Array;
  ts: Float64Array;
  /** Events per row (folded relationships); null: one each. */
  count: Float64Array | null;
  /** Node ids of the accounts. */
  source: Float64Array;
  target: Float64Array;
  type: Int32Array;
}

/** A chunk as stored (the parameters of cypher/projection-chunk-write.cypher but graphId, seq and part). */
export interface PackedChunk {
  events: number;
  types: string;
  columns: string;
  counted: boolean;
}

/** Builds a chunk's columns from events named by account node id and type name. */
export class ChunkBuilder {
  private readonly typeIndex = new Map<string, number>();
  private readonly types: string[] = [];
  private n = 0;
  private weight = new Float64Array(1024);
  private ts = new Float64Array(1024);
  private count = new Float64Array(1024);
  private counted = false;
  private source = new Float64Array(1024);
  private target = new Float64Array(1024);
  private type = new Int32Array(1024);

  get size(): number {
    return this.n;
  }

  /** One event (or a folded row of `count` events) between two account nodes; ts: epoch ms or null. */
  add(sourceNode: number, targetNode: number, type: string | null, weight: number, ts: number | null, count = 1): void {
    if (this.n === this.weight.length) this.grow();
    const typeName = type ?? 'unknown';
    let typeAt = this.typeIndex.get(typeName);
    if (typeAt === undefined) {
      typeAt = this.types.length;
      this.typeIndex.set(typeName, typeAt);
      this.types.push(typeName);
    }
    const k = this.n++;
    this.source[k] = sourceNode;
    this.target[k] = targetNode;
    this.type[k] = typeAt;
    this.weight[k] = weight;
    this.ts[k] = ts === null ? Number.NaN : ts;
    this.count[k] = count;
    if (count !== 1) this.counted = true;
  }

  pack(): PackedChunk {
    const n = this.n;
    const counted = this.counted;
    const floats = counted ? 5 : 4;
    const bytes = new Uint8Array(n * (8 * floats + 4));
    const buffer = bytes.buffer;
    let at = 0;
    for (const column of [this.weight, this.ts, ...(counted ? [this.count] : []), this.source, this.target]) {
      new Float64Array(buffer, at, n).set(column.subarray(0, n));
      at += 8 * n;
    }
    new Int32Array(buffer, at, n).set(this.type.subarray(0, n));
    return { events: n, types: JSON.stringify(this.types), columns: Buffer.from(buffer).toString('base64'), counted };
  }

  private grow(): void {
    const capacity = 2 * this.weight.length;
    const f = (a: Float64Array) => {
      const out = new Float64Array(capacity);
      out.set(a);
      return out;
    };
    const i = new Int32Array(capacity);
    i.set(this.type);
    this.type = i;
    this.weight = f(this.weight);
    this.ts = f(this.ts);
    this.count = f(this.count);
    this.source = f(this.source);
    this.target = f(this.target);
  }
}

/** A stored chunk's columns back as typed arrays (checked against its event count). */
export function unpackChunk(chunk: { events: number; types: string; columns: string; counted: boolean; layout: number }): ChunkEvents {
  if (chunk.layout !== CHUNK_LAYOUT) throw new Error(`${PREFIX}: chunk layout ${chunk.layout} is not ${CHUNK_LAYOUT}.`);
  const n = chunk.events;
  const floats = chunk.counted ? 5 : 4;
  const decoded = Buffer.from(chunk.columns, 'base64');
  if (decoded.length !== n * (8 * floats + 4)) throw new Error(`${PREFIX}: a chunk of ${n} events has ${decoded.length} bytes of columns.`);
  // Typed arrays need an aligned offset: copy when Buffer's pool gave an unaligned one.
  const bytes = decoded.byteOffset % 8 === 0 ? decoded : new Uint8Array(decoded);
  const buffer = bytes.buffer;
  const at = bytes.byteOffset;
  const nodes = at + 8 * (floats - 2) * n;
  const types = JSON.parse(chunk.types) as unknown;
  if (!Array.isArray(types)) throw new Error(`${PREFIX}: a chunk's types are not a list.`);
  return {
    types: types as string[],
    weight: new Float64Array(buffer, at, n),
    ts: new Float64Array(buffer, at + 8 * n, n),
    count: chunk.counted ? new Float64Array(buffer, at + 16 * n, n) : null,
    source: new Float64Array(buffer, nodes, n),
    target: new Float64Array(buffer, nodes + 8 * n, n),
    type: new Int32Array(buffer, nodes + 16 * n, n),
  };
}

/** Writes one chunk in the caller's transaction (an ingest's or a rebuild's). */
export function writeChunk(ctx: Neo4jContext, tx: ManagedTransaction, graphId: string, seq: number, part: number, chunk: PackedChunk) {
  return tx.run(ctx.q.get('projection-chunk-write'), {
    graphId,
    seq: int(seq),
    part: int(part),
    events: int(chunk.events),
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
    const nodes: number[] = [];
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
    for await (const record of query) {
      if (record.get('ids') !== null) {
        for (const node of record.get('nodes') as number[]) nodes.push(node);
        continue;
      }
      const type = record.get('type') as string | null;
      const source = record.get('source') as number[];
      const target = record.get('target') as number[];
      const weight = record.get('weight') as number[];
      const ts = record.get('ts') as number[];
      const count = record.get('count') as number[] | null;
      for (let k = 0; k < source.length; k++) {
        const time = ts[k] as number;
        builder.add(nodes[source[k] as number] as number, target[k] as number, type, weight[k] as number, Number.isNaN(time) ? null : time, count === null ? 1 : (count[k] as number));
        events++;
        if (builder.size >= eventsPerChunk) flush();
      }
    }
    if (builder.size > 0) flush();
    const settled = await Promise.allSettled(writes);
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) throw (failed as PromiseRejectedResult).reason;
    await tx.run(q.get('projection-chunks-valid'), { graphId });
    return { done: true, events, chunks: part };
  });
  if (outcome.chunks > 0 || outcome.events > 0) ctx.log.info({ graphId, ...outcome, ms: Date.now() - started }, 'rebuilt projection chunks');
  return outcome.done;
}
