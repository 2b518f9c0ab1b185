/**
 * Result writing: the compact durable form of a columnar AnalysisResult, staged, then the
 * analysis marked succeeded (cypher/result-*.cypher).
 *
 * What is written (see result-blocks.ts and result-catalogue.ts for the bytes): the compact
 * form, the system of record that every results route and export reads,
 *   (:ResultBlock {analysisId, graphId, kind, seq, count, firstId?, ids?, tieIds?,
 *                  centralityNames?, data, writer})
 *      members / index / ties blocks (every account's figures, ids, the analysed ties),
 *      communities blocks (the communities that hold no niche) and the catalogue block (the
 *      niche and community rows: what the (:Niche) and (:Community) nodes carry), the
 *      catalogue last in a transaction of its own.
 * The Browser view ((:Niche), (:Community), IN_COMMUNITY, CONTINUES, IN_NICHE: what
 * explore.cypher reads) is derived from it after the analysis says succeeded
 * (browser-view.ts; the store's writeResult runs it next, from the rows this write returns:
 * browser-view-source.ts).
 *
 * Staged, then committed at once: the blocks are written in transactions of bounded size
 * (two at a time on separate sessions), while the analysis is still queued/running; nothing
 * reads them until the last transaction marks it succeeded (every results route needs
 * succeeded). If any step fails, `discard` removes every staged row of the analysis before the
 * error is thrown; a process killed half-way leaves rows that go with the analysis when it
 * is failed (markFailed, failUnheld: result-discard), when another runner takes it over
 * (its write begins with a discard), or at the next boot once its lease has expired
 * (reclaimExpired: result-sweep, which never touches an analysis a live lease holds). The last transaction
 * only succeeds an analysis that its writer still holds (below) and whose staged blocks are
 * all there (nothing swept them). Writing an analysis again first removes what an
 * earlier write left.
 *
 * The lease guard (src/store/port.ts Lease): the writer names its `owner`. The first
 * statement (result-graph) and every staging transaction begin by checking that the owner
 * still holds the analysis (running, or succeeded by it), so a writer that was cancelled,
 * reclaimed or taken over stages nothing more; the blocks carry their `writer`, and the last
 * transaction (result-begin) succeeds the analysis only while the owner holds it and only
 * when every staged block is there and is the owner's own (a transaction
 * of a lost writer still in flight when the lease changed hands cannot slip its rows into the
 * next holder's result). The discards are guarded the same way: a writer that lost its lease
 * never removes what the next holder staged (result-discard with owner). The timings, when
 * given, are stored in the last transaction, so an analysis that shows succeeded has them.
 *
 * writeResult throws StoreNotFoundError when its analysis is gone (its graph was deleted
 * meanwhile), LeaseLostError when the writer no longer holds it (cancelled, reclaimed,
 * taken over).
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { AnalysisResult } from '../analysis/types.js';
import type { Neo4jContext } from './neo4j-context.js';
import { int, toNumber, type Row } from './neo4j-values.js';
import { LeaseLostError, StoreNotFoundError, type AnalysisTimings } from './port.js';
import { mapAsync, runConcurrently, type Failure } from './concurrent-transactions.js';
import { compressBlockAsync, rawCommunityBlocks, rawResultBlocks, type BlockRow, type RawBlock } from './result-blocks.js';
import { catalogueRows, encodeCatalogueAsync, type CatalogueRows } from './result-catalogue.js';
import type { InMemoryResult } from './browser-view-source.js';

export { BROWSER_TRUSTED_LINKS, type WriteBack } from './browser-view.js';

export interface WriteResultOptions {
  /** The analysis' timings, asked for just before the last transaction, which stores them with the status. */
  timings?: () => AnalysisTimings;
}

export interface ResultWritingOptions {
  /** Transactions of one write running at a time, each on its own session. */
  resultConcurrency: number;
  /** Block bytes per transaction (a transaction's state lives in the server's heap until it commits). */
  blockBytesPerTransaction: number;
}

export class Neo4jResultWriter {
  constructor(
    private readonly ctx: Neo4jContext,
    private readonly options: ResultWritingOptions,
  ) {}

  /** Resolves with what the Browser view's first materialization takes instead of the stored form (browser-view-source.ts). */
  async writeResult(analysisId: string, result: AnalysisResult, finishedAt: string, owner: string, options: WriteResultOptions = {}): Promise<InMemoryResult> {
    const started = Date.now();
    const counts = { blocks: 0, blockBytes: 0, niches: result.niches.count, memberships: 0 };
    const ms: Record<string, number> = {};
    const phase = (name: string, since: number) => {
      ms[name] = Date.now() - since;
      // One line per phase as it ends (bench/persist.ts reads the server's CPU at each).
      this.ctx.log.debug({ analysisId, phase: name, ms: ms[name] }, 'result write phase');
    };
    // begin: the lease checked, and an earlier write of the same analysis (a retried job, a
    // run taken over from a dead runner) removed, so it is replaced, never doubled.
    const graphId = await this.ctx.inWrite((tx) => this.held(tx, analysisId, owner));
    await this.discard(analysisId, false, owner);
    phase('begin', started);
    // The first failure of any staging transaction; every loop stops starting new ones.
    const stop: Failure = {};
    const catalogue = catalogueRows(result);
    // Compressed on the thread pool while the blocks are written (a rejection is taken when
    // its transaction awaits it; the catch only keeps an abandoned one from going unhandled).
    const catalogueData = encodeCatalogueAsync(catalogue);
    catalogueData.catch(() => {});
    let revision = 0;
    try {
      // The blocks, then the communities, then the niches (each links itself to its
      // community), then the memberships (Account to Niche). Rows are built lazily, a few
      // blocks ahead of their transaction (compressedAhead: compressed on the thread pool).
      // Writing the blocks beside the niches (they lock nothing in common) made both slower
      // on 2 cores (bench/README.md "Persistence", shift 5): one chain.
      let since = Date.now();
      await runConcurrently(
        mapAsync(blockBatches(result, catalogue.niches.length, catalogueData, this.options.blockBytesPerTransaction), (batch) => {
          counts.blocks += batch.length;
          for (const b of batch) counts.blockBytes += (b.data as Int8Array).byteLength;
          return () =>
            this.ctx.inWrite(async (tx) => {
              await this.held(tx, analysisId, owner);
              await tx.run(this.ctx.q.get('result-blocks'), { analysisId, graphId, owner, rows: batch });
            });
        }),
        this.options.resultConcurrency,
        stop,
      );
      phase('blocks', since);
      // Every transaction of this write has ended here: a failure is thrown and what was
      // staged discarded.
      if (stop.failure !== undefined) throw stop.failure.error;
      since = Date.now();
      const timings = options.timings ? JSON.stringify(options.timings()) : null;
      await this.ctx.inWrite(async (tx) => {
        const begun = await tx.run(this.ctx.q.get('result-begin'), {
          ...resultBeginParams(analysisId, finishedAt, result.summary),
          ...lineageParams(result),
          owner,
          timings,
          blocks: int(counts.blocks),
        });
        const status = begun.records[0]?.get('status') as string | undefined;
        if (status === undefined) throw new StoreNotFoundError('analysis', analysisId);
        if (status === 'lost') throw new LeaseLostError(analysisId);
        if (status === 'incomplete') throw new Error(`store/result-writing: rows staged for analysis '${analysisId}' went missing or were overwritten by a writer that lost its lease: its result is not stored`);
        if (status !== 'succeeded') throw new Error(`store/result-writing: analysis '${analysisId}' is ${status}: its result is not stored`);
        revision = toNumber(begun.records[0]?.get('revision') ?? 0);
      });
      phase('commit', since);
    } catch (err) {
      // Guarded: if the lease changed hands, what is staged now is the next holder's.
      await this.discard(analysisId, false, owner).catch(() => {});
      throw err;
    }
    this.ctx.log.debug({ analysisId, ...counts, phases: ms, ms: Date.now() - started }, 'wrote analysis result');
    return { revision, result, catalogue };
  }

  /**
   * Removes every result row of an analysis (blocks, niches and their memberships); with
   * keepSucceeded, only when the analysis is not succeeded; with owner, only when that owner
   * holds it (null: the caller has just failed it). Rows of a vanished analysis always go.
   */
  async discard(analysisId: string, keepSucceeded: boolean, owner: string | null): Promise<number> {
    const res = await this.ctx.write('result-discard', { analysisId, keepSucceeded, owner });
    return toNumber(res.records[0]?.get('removed') ?? 0);
  }

  /**
   * Removes the result rows of every analysis that is not succeeded and not held by a live
   * lease at `now` (epoch ms), or no longer exists: what a crash left.
   */
  async sweep(now: number): Promise<number> {
    const res = await this.ctx.write('result-sweep', { now: int(now) });
    return toNumber(res.records[0]?.get('removed') ?? 0);
  }

  /** The lease guard: the analysis' graph while `owner` holds it; throws (rolling the transaction back) otherwise. */
  private async held(tx: ManagedTransaction, analysisId: string, owner: string): Promise<string> {
    const found = await tx.run(this.ctx.q.get('result-graph'), { analysisId, owner });
    const graphId = found.records[0]?.get('graphId') as string | undefined;
    if (graphId !== undefined) return graphId;
    const exists = await tx.run(this.ctx.q.get('analysis-get'), { analysisId });
    throw exists.records.length === 0 ? new StoreNotFoundError('analysis', analysisId) : new LeaseLostError(analysisId);
  }
}

/** The items of each iterable in turn, lazily. */
function* chain<T>(...lists: Array<Iterable<T>>): Generator<T> {
  for (const list of lists) yield* list;
}

/**
 * Blocks compressed ahead of their transactions: up to COMPRESS_AHEAD at a time on libuv's
 * thread pool (compressBlockAsync), handed out in order. Each block's columns are gathered
 * on this thread when it enters the window; its compression then runs while the blocks
 * before it are written, instead of between two transactions on this thread.
 */
async function* compressedAhead(blocks: Iterable<RawBlock>): AsyncGenerator<BlockRow> {
  const source = blocks[Symbol.iterator]();
  const window: Array<Promise<BlockRow>> = [];
  let exhausted = false;
  const fill = () => {
    while (!exhausted && window.length < COMPRESS_AHEAD) {
      const next = source.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      const compressed = compressBlockAsync(next.value);
      // Awaited below in its turn; a write that stops early leaves the rest unawaited.
      compressed.catch(() => {});
      window.push(compressed);
    }
  };
  fill();
  while (window.length > 0) {
    const next = window.shift() as Promise<BlockRow>;
    fill();
    yield await next;
  }
}

/**
 * Blocks compressing at once: libuv's thread pool has 4 threads unless UV_THREADPOOL_SIZE
 * says otherwise; a members block is about 0.7 MB before compression, so the window holds
 * a few MB.
 */
const COMPRESS_AHEAD = 4;

/** Blocks in groups of about `bytes` (at least one block a group), then the catalogue block alone. */
async function* blockBatches(result: AnalysisResult, niches: number, catalogueData: Promise<Int8Array>, bytes: number): AsyncGenerator<Row[]> {
  let batch: Row[] = [];
  let size = 0;
  for await (const block of compressedAhead(chain(rawResultBlocks(result), rawCommunityBlocks(result)))) {
    const weight = block.data.byteLength + 16 * ((block.ids?.length ?? 0) + (block.tieIds?.length ?? 0));
    if (batch.length > 0 && size + weight > bytes) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(blockRow(block));
    size += weight;
  }
  if (batch.length > 0) yield batch;
  // The catalogue last, in a transaction of its own (about 1 MB on higgs-retweet).
  yield [blockRow(catalogueBlock(niches, await catalogueData))];
}

/** The catalogue block (result-catalogue.ts): seq 0, count the niche rows. */
function catalogueBlock(niches: number, data: Int8Array): BlockRow {
  return { kind: 'catalogue', seq: 0, count: niches, firstId: null, ids: null, tieIds: null, centralityNames: null, data };
}

function blockRow(b: BlockRow): Row {
  return { kind: b.kind, seq: int(b.seq), count: int(b.count), firstId: b.firstId, ids: b.ids, tieIds: b.tieIds, centralityNames: b.centralityNames, data: b.data };
}

/** Parameters of result-begin for the lineage: the baseline and what the lineage found, or nulls. */
function lineageParams(result: AnalysisResult): Row {
  const l = result.lineage;
  if (l === undefined) return { baselineAnalysisId: null, lineage: null };
  return { baselineAnalysisId: l.baselineAnalysisId, lineage: JSON.stringify({ events: l.counts, dissolved: l.dissolved }) };
}

/** Parameters of result-begin: the analysis becomes succeeded with its summary. */
function resultBeginParams(analysisId: string, finishedAt: string, summary: AnalysisResult['summary']): Row {
  return {
    analysisId,
    finishedAt,
    accounts: int(summary.accounts),
    edges: int(summary.edges),
    niches: int(summary.niches),
    communities: summary.communities === undefined ? null : int(summary.communities),
    modularity: summary.modularity,
    nicheModularity: summary.nicheModularity ?? null,
    resolution: summary.resolution,
    runs: int(summary.runs),
    consensusRounds: int(summary.consensusRounds),
    louvainDisconnected: int(summary.louvainDisconnected),
    unassigned: int(summary.unassigned),
    meanConfidence: summary.meanConfidence,
  };
}
