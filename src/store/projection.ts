/**
 * Projection: a graph's interactions aggregated per ordered pair into a PairTable, with the
 * graph version the rows are at least as new as (graph-exists, then projection-chunks or
 * project-graph).
 *
 * Two ways to read the events, giving the same table:
 *   - from the graph's projection chunks (src/store/projection-chunks.ts), when its chunk
 *     set is valid: the account list as below (projection-accounts), then one record per
 *     ingested batch, its columns packed in one string, accounts named by node id; the
 *     window, the dropped types and the decay are applied here. A graph whose set is stale (an
 *     erasure) or missing (ingested before chunks existed) has it rebuilt first (ChunkRebuild:
 *     bounded transactions, swapped in at once); when that fails or is refused (the graph
 *     changed meanwhile), the relationships are read as below;
 *   - from the relationships (cypher/project-graph.cypher), the way described next.
 *
 * Relationship read, one read transaction: the graph's version first, then one query that streams the
 * accounts (ids in index order, with their node ids) and then the interaction events in
 * batches of consecutive source accounts, each record holding columns of a few thousand
 * events (lists of floats: the driver's cost is per record, not per list element). The
 * events are folded into pairs on this side (src/store/pair-aggregator.ts: type weights,
 * positive and negative apart, minWeight, counts, events per type, first and last time),
 * batch by batch, so no object is made per event or pair and only the pairs are held.
 *
 * A folded graph (src/store/fold.ts): each relationship counts as its `count` events with
 * its weight sum and the day's start as its time (the query sends the counts).
 *
 * Time decay (params.halfLife): each event's weight is multiplied by 2^(-age / halfLife)
 * as it is folded (the aggregator's eventFactor), age measured from `to`, or without `to`
 * from the latest timestamp in the window (project-latest, read first in the same
 * transaction); events without a timestamp are left out by the query, as `from` does.
 *
 * Version guarantee: ingestion raises the version in the transaction that adds data, and
 * every row is read after the version (reads are read-committed), so the projection is at
 * least as new as the version. The account list is read once, at the start of the query;
 * an event committed after that whose target account is newer than the list is left out
 * (it is newer than the version too).
 */
import { decayFactor, parseDuration } from '../analysis/time-decay.js';
import { PairAggregator } from './pair-aggregator.js';
import { rebuildChunks, unpackChunk, type ChunkEvents } from './projection-chunks.js';
import type { Neo4jContext } from './neo4j-context.js';
import { firstRecord, int, toNumber } from './neo4j-values.js';
import type { ProjectionParams, VersionedProjection } from './port.js';

/**
 * Record sizes that fit one Bolt chunk (at most 65,535 bytes). neo4j-driver decodes a
 * message spread over several chunks through its CombinedBuffer, which reads every float
 * byte by byte through a fresh 8-byte buffer and scans the chunk list per byte: records of
 * 8,000 events (about 290 KB, 5 chunks) cost the client about 1.5x the CPU of records that
 * fit one chunk (bench/README.md, Projection). An event is four floats of 9 bytes each (36
 * bytes), so 1,500 events (54 KB) leave room for the list headers and the type; an account
 * is a node id float (9 bytes) and its id string (1-3 bytes of header and its UTF-8 bytes),
 * so 2,000 accounts fit one chunk while ids average up to about 20 bytes.
 */
export const PROJECTION_EVENTS_PER_RECORD = 1_500;
export const PROJECTION_IDS_PER_RECORD = 2_000;

/** Records pulled per round trip: about 100k events (3.5 MB) in flight. */
export const PROJECTION_FETCH_SIZE = 64;

/** Chunk records pulled per round trip (a chunk is one ingested batch: up to a few MB). */
export const CHUNK_FETCH_SIZE = 4;

/** The types a projection leaves out: those weighted 0. */
export function zeroWeightTypes(typeWeights: Readonly<Record<string, number>>): string[] {
  return Object.entries(typeWeights)
    .filter(([, weight]) => weight === 0)
    .map(([type]) => type);
}

export interface ProjectionOptions {
  /** Account ids per record. */
  idsPerRecord: number;
  /** Events per record, about (see project-graph.cypher). */
  eventsPerRecord: number;
  /** Read projection chunks (rebuilding a stale or missing set); false: always the relationships. */
  chunks: boolean;
}

export class Neo4jProjection {
  /**
   * Graphs whose chunk rebuild failed, with the version it failed at: not retried until the
   * version moves (a graph whose rebuild keeps failing would otherwise pay a failed
   * rebuild on top of every relationship read).
   */
  private readonly failedRebuilds = new Map<string, number>();

  constructor(
    private readonly ctx: Neo4jContext,
    private readonly options: ProjectionOptions,
  ) {}

  async graphVersion(graphId: string): Promise<number | null> {
    const r = firstRecord(await this.ctx.read('graph-exists', { graphId }));
    return r ? toNumber(r.get('version')) : null;
  }

  async project(graphId: string, params: ProjectionParams): Promise<VersionedProjection | null> {
    const started = Date.now();
    const halfLife = params.halfLife === undefined || params.halfLife === null ? null : parseDuration(params.halfLife);
    if (params.halfLife !== undefined && params.halfLife !== null && halfLife === null) throw new RangeError(`store/projection: halfLife '${params.halfLife}' is not an ISO 8601 duration.`);
    let projection: (VersionedProjection & { via: string }) | null | 'invalid' = this.options.chunks ? await this.fromChunks(graphId, params, halfLife) : await this.fromRelationships(graphId, params, halfLife);
    if (projection === 'invalid') {
      let rebuilt = false;
      const version = await this.graphVersion(graphId);
      if (version !== null && this.failedRebuilds.get(graphId) !== version) {
        try {
          rebuilt = await rebuildChunks(this.ctx, graphId);
          this.failedRebuilds.delete(graphId);
        } catch (error) {
          this.failedRebuilds.set(graphId, version);
          if (this.failedRebuilds.size > 1_000) this.failedRebuilds.delete(this.failedRebuilds.keys().next().value as string);
          this.ctx.log.warn({ graphId, version, err: error }, 'projection chunks could not be rebuilt; reading the relationships (no new attempt before the graph changes)');
        }
      }
      projection = rebuilt ? await this.fromChunks(graphId, params, halfLife) : 'invalid';
      // Made stale again between the rebuild and the read (an erasure): the relationships.
      if (projection === 'invalid') projection = await this.fromRelationships(graphId, params, halfLife);
    }
    if (projection) {
      this.ctx.log.debug(
        { graphId, version: projection.version, via: projection.via, accounts: projection.table.accounts.length, pairs: projection.table.size, ms: Date.now() - started },
        'projected graph',
      );
      return { version: projection.version, table: projection.table };
    }
    return null;
  }

  /**
   * The projection from the graph's chunks (module comment); 'invalid' when its chunk set is
   * not valid, null when the graph is unknown.
   */
  private async fromChunks(graphId: string, params: ProjectionParams, halfLife: number | null): Promise<(VersionedProjection & { via: string }) | null | 'invalid'> {
    const { q } = this.ctx;
    return this.ctx.inRead(async (tx) => {
      // Recomputed from scratch on each attempt (executeRead may retry).
      const exists = firstRecord(await tx.run(q.get('graph-exists'), { graphId }));
      if (!exists) return null;
      if (exists.get('chunks') !== 'valid') return 'invalid' as const;
      const version = toNumber(exists.get('version'));
      // The account list first (ids ascending, node ids), then the chunks: an event of a chunk
      // committed after the list was read may name a newer account (left out, newer than the version).
      const accountIds: unknown[][] = [];
      const accountNodes: unknown[][] = [];
      for await (const record of tx.run(q.get('projection-accounts'), { graphId, idsPerRecord: int(this.options.idsPerRecord) })) {
        accountIds.push(record.get('ids') as unknown[]);
        accountNodes.push(record.get('nodes') as unknown[]);
      }
      const window = { from: params.from, to: params.to, timedOnly: halfLife !== null };
      // Chunks go to the aggregator as they arrive, but with a decay and no `to` the
      // reference time (the window's latest event) must be known first: then they are held.
      const holdChunks = halfLife !== null && params.to === null;
      let aggregator: PairAggregator | null = null;
      const newAggregator = (eventFactor?: (ts: number) => number) => {
        const out = new PairAggregator({ typeWeights: params.typeWeights, minWeight: params.minWeight, ...(eventFactor ? { eventFactor } : {}) });
        for (let k = 0; k < accountIds.length; k++) out.addAccounts(accountIds[k] as unknown[], accountNodes[k] as unknown[]);
        return out;
      };
      if (!holdChunks) aggregator = newAggregator(halfLife === null ? undefined : (ts) => decayFactor(ts, params.to as number, halfLife));
      const chunks: ChunkEvents[] = [];
      for await (const record of tx.run(q.get('projection-chunks'), { graphId })) {
        const chunk = unpackChunk({
          events: toNumber(record.get('events')),
          types: record.get('types') as string,
          columns: record.get('columns') as string,
          counted: record.get('counted') === true,
          layout: toNumber(record.get('layout')),
        });
        if (aggregator) aggregator.addColumns(chunk.types, chunk, window);
        else chunks.push(chunk);
      }
      if (aggregator === null) {
        // The decay's reference without `to`: the latest timestamp of the window's kept events.
        {
          const dropped = new Set(zeroWeightTypes(params.typeWeights));
          let latest = Number.NEGATIVE_INFINITY;
          for (const c of chunks) {
            const kept = c.types.map((type) => !dropped.has(type));
            for (let k = 0; k < c.ts.length; k++) {
              const time = c.ts[k] as number;
              if (time > latest && (params.from === null || time >= params.from) && kept[c.type[k] as number]) latest = time;
            }
          }
          const reference = latest === Number.NEGATIVE_INFINITY ? 0 : latest;
          aggregator = newAggregator((ts) => decayFactor(ts, reference, halfLife as number));
        }
        for (const c of chunks) aggregator.addColumns(c.types, c, window);
      }
      // One batch: every event of a source is in it.
      const table = aggregator.finish();
      if (aggregator.droppedEvents > 0) this.ctx.log.debug({ graphId, events: aggregator.droppedEvents }, 'projection left out events newer than its account list');
      return { version, table, via: 'chunks' };
    }, CHUNK_FETCH_SIZE);
  }

  /** The projection from the relationships (cypher/project-graph.cypher; module comment). */
  private async fromRelationships(graphId: string, params: ProjectionParams, halfLife: number | null): Promise<(VersionedProjection & { via: string }) | null> {
    const { q } = this.ctx;
    return this.ctx.inRead(async (tx) => {
      // Recomputed from scratch on each attempt (executeRead may retry).
      const exists = firstRecord(await tx.run(q.get('graph-exists'), { graphId }));
      if (!exists) return null;
      const version = toNumber(exists.get('version'));
      // A folded graph's relationships carry their event counts (src/store/fold.ts).
      const folded = exists.get('fold') === 'day';

      const window = { graphId, from: params.from === null ? null : int(params.from), to: params.to === null ? null : int(params.to), droppedTypes: zeroWeightTypes(params.typeWeights) };
      let eventFactor: ((ts: number) => number) | undefined;
      if (halfLife !== null) {
        let reference = params.to;
        if (reference === null) {
          const latest = firstRecord(await tx.run(q.get('project-latest'), window))?.get('latest');
          reference = latest === null || latest === undefined ? null : toNumber(latest);
        }
        // No timestamped event in the window: nothing to weigh (the query leaves them all out).
        const at = reference ?? 0;
        eventFactor = (ts) => decayFactor(ts, at, halfLife);
      }
      const aggregator = new PairAggregator({ typeWeights: params.typeWeights, minWeight: params.minWeight, ...(eventFactor ? { eventFactor } : {}) });
      let batch: unknown = null;
      const query = tx.run(q.get('project-graph'), {
        ...window,
        timedOnly: halfLife !== null,
        folded,
        idsPerRecord: int(this.options.idsPerRecord),
        // A folded graph's events carry a fifth float (the count): 4/5 as many keep a record in one chunk.
        eventsPerRecord: folded ? Math.max(1, Math.floor((this.options.eventsPerRecord * 4) / 5)) : this.options.eventsPerRecord,
      });
      for await (const record of query) {
        const ids = record.get('ids') as unknown[] | null;
        if (ids !== null) {
          aggregator.addAccounts(ids, record.get('nodes') as unknown[]);
          continue;
        }
        const first = toNumber(record.get('first'));
        if (batch !== null && first !== batch) aggregator.endBatch();
        batch = first;
        aggregator.addEvents(
          record.get('type'),
          record.get('source') as unknown[],
          record.get('target') as unknown[],
          record.get('weight') as unknown[],
          record.get('ts') as unknown[],
          record.get('count') as unknown[] | null,
        );
      }
      const table = aggregator.finish();
      if (aggregator.droppedEvents > 0) {
        this.ctx.log.debug({ graphId, events: aggregator.droppedEvents }, 'projection left out events newer than its account list');
      }
      return { version, table, via: 'relationships' };
    }, PROJECTION_FETCH_SIZE);
  }
}
