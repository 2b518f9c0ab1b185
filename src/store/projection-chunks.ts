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
 * A projection of a graph whose set is not valid rebuilds it first (ChunkRebuild: reads the
 * relationships as the projection did before chunks and writes them as chunks, in bounded
 * transactions, swapped in at once under the graph's lock), then reads the chunks; when the
 * rebuild fails or is refused (the graph changed meanwhile) it reads the relationships instead.
 */
import { randomUUID } from 'node:crypto';
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
    ...chunkColumns(chunk),
  });
}

/** A packed chunk's parameters as projection-chunk-write and projection-chunk-pending-write take them. */
function chunkColumns(chunk: PackedChunk) {
  return { events: int(chunk.events), types: chunk.types, columns: chunk.columns, counted: chunk.counted, layout: int(CHUNK_LAYOUT) };
}

/** The state a rebuild holds the set in while it runs (projection-chunks-claim). */
const claimOf = (token: string) => `rebuilding:${token}`;

/** The token of the rebuild a state names, or null (valid, stale, missing). */
const tokenOf = (state: string) => (state.startsWith('rebuilding:') ? state.slice('rebuilding:'.length) : null);

/**
 * One rebuild of a graph's chunk set from its relationships (module comment), in bounded
 * transactions, so that a graph of any size fits Neo4j's heap (a single transaction holding
 * every chunk of the 1M-node LFR graph, about 600 MB of column strings, does not):
 *   1. claim() (projection-chunks-claim): under the graph's lock, the set's state becomes
 *      this rebuild's claim; a valid set is left alone;
 *   2. the relationships are read in one read transaction (project-graph, streamed) and
 *      written as pending chunks, each in a write transaction of its own
 *      (projection-chunk-pending-write: not read by any projection, and written only while
 *      the claim holds, checked under the graph's lock);
 *   3. commit() (projection-chunks-commit): under the graph's lock, only if the claim still
 *      holds and the graph's version is the one read at the claim, the current chunks are
 *      retired and the pending ones become the set, valid, at once (property changes only);
 *   4. the retired chunks (and a failed rebuild's pending ones) are swept in small
 *      transactions (projection-chunks-sweep).
 * Exactness is the one-transaction rebuild's: the rows read are the graph's at the claimed
 * version, because everything that changes its relationships either raises the version
 * (ingests, erasures) or marks the set stale (erasures) under the same lock, and either makes
 * the commit refuse; an ingest no longer waits for the whole rebuild (it used to wait for its
 * one transaction), at most for one pending write (which takes the lock for its check), and
 * makes the rebuild refuse. A rebuild that loses its claim (an erasure, an
 * ingest, another rebuild that took the claim over) stops, sweeps its own pending chunks
 * and reports false; the projection then reads the relationships. A rebuild interrupted
 * for good (its process killed) leaves its claim and pending chunks: the next rebuild takes
 * the claim over and sweeps them; graph deletion deletes them too.
 */
export class ChunkRebuild {
  readonly token = randomUUID();
  readonly claim = claimOf(this.token);
  private previous: string | null = null;
  private version = 0;
  private folded = false;
  private parts = 0;
  private events = 0;

  constructor(
    private readonly ctx: Neo4jContext,
    readonly graphId: string,
  ) {}

  /**
   * Claims the set: 'claimed' (this rebuild holds it), 'valid' (nothing to do) or 'unknown'
   * (no such graph, or being deleted). The pending chunks of a rebuild whose claim this one
   * took over are swept.
   */
  async start(): Promise<'claimed' | 'valid' | 'unknown'> {
    const claimed = firstRecord(await this.ctx.write('projection-chunks-claim', { graphId: this.graphId, claim: this.claim, now: new Date().toISOString() }));
    if (!claimed) return 'unknown';
    const previous = claimed.get('previous') as string;
    if (previous === 'valid') return 'valid';
    this.version = toNumber(claimed.get('version'));
    this.folded = claimed.get('fold') === 'day';
    const earlier = tokenOf(previous);
    // Given back as it was found (a taken-over claim counts as stale: its rebuild can never commit).
    this.previous = earlier === null ? previous : 'stale';
    if (earlier !== null) await this.sweep([earlier]);
    return 'claimed';
  }

  /** One pending chunk, in its own transaction; false when the claim was lost (nothing written). */
  async write(chunk: PackedChunk): Promise<boolean> {
    const part = this.parts;
    const written = await this.ctx.write('projection-chunk-pending-write', {
      graphId: this.graphId,
      claim: this.claim,
      token: this.token,
      now: new Date().toISOString(),
      seq: int(this.version),
      part: int(part),
      ...chunkColumns(chunk),
    });
    if (written.records.length === 0) return false;
    this.parts = part + 1;
    this.events += chunk.events;
    return true;
  }

  /**
   * Reads the relationships at the claimed version (project-graph, one read transaction,
   * streamed) and writes them as pending chunks of `eventsPerChunk` events; false when the
   * claim was lost on the way. One chunk is written while the next is read and packed.
   */
  async copyRelationships(eventsPerChunk: number): Promise<boolean> {
    const { q } = this.ctx;
    return this.ctx.inRead(async (tx) => {
      // Recomputed from scratch on each attempt (executeRead may retry): pending chunks of
      // an earlier attempt are not promoted twice, they are swept and written again.
      if (this.parts > 0) {
        await this.sweep([this.token]);
        this.parts = 0;
        this.events = 0;
      }
      const nodes: number[] = [];
      let builder = new ChunkBuilder();
      // The write in flight, settled into a value at once: a rejection waits here for the
      // next flush instead of going unhandled while the read goes on (which ends the process).
      let inFlight: Promise<{ ok: boolean; error?: unknown }> | null = null;
      let lost = false;
      const settle = async () => {
        if (inFlight === null) return;
        const outcome = await inFlight;
        inFlight = null;
        if ('error' in outcome) throw outcome.error;
        if (!outcome.ok) lost = true;
      };
      const flush = async () => {
        const packed = builder.pack();
        builder = new ChunkBuilder();
        await settle();
        if (!lost) inFlight = this.write(packed).then((ok) => ({ ok }), (error: unknown) => ({ ok: false, error }));
      };
      const query = tx.run(q.get('project-graph'), {
        graphId: this.graphId,
        from: null,
        to: null,
        timedOnly: false,
        droppedTypes: [],
        folded: this.folded,
        idsPerRecord: int(2_000),
        eventsPerRecord: 1_500,
      });
      try {
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
            if (builder.size >= eventsPerChunk) await flush();
          }
          if (lost) break;
        }
        if (!lost && builder.size > 0) await flush();
        await settle();
      } finally {
        // Settled before the transaction ends, whatever happened (its error, if any, is then
        // the second one: the first is what propagates).
        if (inFlight !== null) await inFlight;
      }
      return !lost;
    });
  }

  /** Makes the pending chunks the set (see the class comment); false when refused (nothing changed). */
  async commit(): Promise<boolean> {
    const { q } = this.ctx;
    return this.ctx.inWrite(async (tx) => {
      const committed = firstRecord(await tx.run(q.get('projection-chunks-commit'), { graphId: this.graphId, claim: this.claim, token: this.token, version: int(this.version), now: new Date().toISOString() }));
      if (!committed) return false;
      const promoted = toNumber(committed.get('promoted'));
      const events = toNumber(committed.get('events'));
      // Cannot happen (pending chunks are written only under the claim and swept only by
      // their rebuild or the one that took its claim over): rolled back rather than committed.
      if (promoted !== this.parts || events !== this.events) {
        throw new Error(`${PREFIX}: a rebuild of '${this.graphId}' wrote ${this.parts} chunks (${this.events} events) but found ${promoted} (${events}); not committed.`);
      }
      return true;
    });
  }

  /** After a failure or a refusal: the claim given back (if still held) and this rebuild's pending chunks swept. */
  async abandon(): Promise<void> {
    if (this.previous !== null) await this.ctx.write('projection-chunks-release', { graphId: this.graphId, claim: this.claim, previous: this.previous, now: new Date().toISOString() });
    await this.sweep([this.token]);
  }

  /** Deletes the retired chunks of the graph and the pending chunks of the rebuilds named (projection-chunks-sweep). */
  async sweep(tokens: string[]): Promise<void> {
    await this.ctx.inTransactions('projection-chunks-sweep', { graphId: this.graphId, tokens });
  }

  get written(): { chunks: number; events: number } {
    return { chunks: this.parts, events: this.events };
  }
}

/**
 * Rebuilds a graph's chunk set from its relationships (ChunkRebuild). Returns true when the
 * set is valid afterwards (rebuilt here, or valid already); false when the graph is unknown
 * or being deleted, or when the rebuild lost its claim (the graph changed meanwhile: the
 * caller reads the relationships). Throws when a step fails (the claim is given back first).
 */
export async function rebuildChunks(ctx: Neo4jContext, graphId: string, eventsPerChunk = REBUILD_EVENTS_PER_CHUNK): Promise<boolean> {
  const started = Date.now();
  const rebuild = new ChunkRebuild(ctx, graphId);
  const claimed = await rebuild.start();
  if (claimed !== 'claimed') return claimed === 'valid';
  let done = false;
  try {
    done = (await rebuild.copyRelationships(eventsPerChunk)) && (await rebuild.commit());
  } catch (error) {
    await rebuild.abandon().catch((err: unknown) => ctx.log.warn({ graphId, err }, 'a failed chunk rebuild could not be cleaned up'));
    throw error;
  }
  // Committed: the retired chunks go; refused: the claim is given back and the pending chunks go.
  if (done) await rebuild.sweep([]);
  else await rebuild.abandon();
  ctx.log.info({ graphId, ...rebuild.written, done, ms: Date.now() - started }, done ? 'rebuilt projection chunks' : 'projection chunk rebuild refused: the graph changed meanwhile');
  return done;
}
