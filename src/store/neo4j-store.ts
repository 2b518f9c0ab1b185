/**
 * Neo4jGraphStore: the GraphStore port (src/store/port.ts) on Neo4j 5 (Community is enough).
 *
 * Data model. Every query is a file in cypher/ (see src/store/cypher-files.ts); the
 * constraints and indexes are in cypher/schema.cypher.
 *
 *   (:Graph {id, name, description, createdAt, updatedAt?, deleting?, nicheIdsNext?})  unique id
 *      nicheIdsNext: the next niche id number never handed out in the graph (niche-ids.ts).
 *   (:Account {graphId, id, ...properties})                       unique (graphId, id)
 *      Account properties from the input are stored under their own names (flat
 *      primitives); graphId and id are always re-assigned after them, so input can
 *      never overwrite them. A later batch overwrites a property of the same name.
 *   (:Account)-[:INTERACTED {graphId, id, key, type, weight, ts}]->(:Account)
 *      id: client id or null; key: graphId + '/' + id when id is given, else null
 *      (unique constraint on key; graph ids cannot contain '/', so keys never collide);
 *      weight: float (sign kept); ts: integer epoch ms or null.
 *   (:ProjectionChunk {graphId, seq, part, events, accounts, types, columns, counted, layout})
 *      the same events again, packed per ingested batch, what projections read; valid while
 *      the Graph's projectionChunks is 'valid' (projection-chunks.ts).
 *   (:Analysis {id, graphId, status, params, createdAt, startedAt, finishedAt, error,
 *               accounts, edges, niches, communities, modularity, nicheModularity,
 *               resolutionUsed, runs, consensusRounds, louvainDisconnected, unassigned,
 *               meanConfidence})                                          unique id
 *      params: JSON string of AnalysisParams; accounts .. meanConfidence: the
 *      AnalysisSummary (resolutionUsed = summary.resolution), null until the analysis succeeded.
 *      timings: JSON string of AnalysisTimings, written by recordTimings once the analysis
 *      has finished.
 *      graphVersion, projectionCached: what the projection read (recordProjection).
 *      baselineAnalysisId, lineage (JSON: events, dissolved): set with the result when the
 *      analysis had a baseline (issue 12).
 *      browserView ('pending' | 'written' | 'failed'), browserOwner, browserLeaseUntil: its
 *      Browser view (browser-view.ts); absent on analyses stored before it (written).
 *   (:Analysis)-[:OF_GRAPH]->(:Graph)
 *   (:Niche {analysisId, graphId, id, rank, size, density, conductance,
 *            trustedIds, trustedScores, unassigned, stability, reciprocity, events,
 *            firstActivity, lastActivity, eventsPerDay, typeNames, typeShares,
 *            bridgeIds, bridgeParticipation, bridgeTo})            unique (analysisId, id)
 *      rank: 0 = largest (the unassigned group, id "unassigned", last); id: stable across the
 *      graph's analyses, not a rank; lineageEvent, lineageFrom, lineageJaccard: its lineage
 *      from the baseline's niches (absent without a baseline);
 *      trustedIds/trustedScores, typeNames/typeShares (dominant interaction types) and
 *      bridgeIds/bridgeParticipation/bridgeTo: parallel
 *      lists (bridgeTo: comma-separated niche ids), highest score first.
 *   (:Niche)-[:OF_ANALYSIS]->(:Analysis)
 *   (:Community {analysisId, graphId, id, rank, size, density, conductance, nicheIds,
 *                niches, unassigned})-[:OF_ANALYSIS]->(:Analysis)   unique (analysisId, id)
 *      the coarse level (modularity at resolution 1), rank 0 = largest (id "c" + rank);
 *      nicheIds: its niches, largest first; unassigned: its accounts in the unassigned group.
 *   (:Niche)-[:IN_COMMUNITY]->(:Community)   every niche but the unassigned group; the
 *      niche's communityId names it too.
 *   (:Niche)-[:CONTINUES {jaccard, event, keepsId}]->(:Niche)   to each related baseline niche
 *   (:Account)-[:IN_NICHE {analysisId, rank, score, pagerank, globalPagerank, inStrength,
 *                          outStrength, negativeInStrength, weightedDegree, internalShare,
 *                          centrality, ties, positiveShare, reciprocity, repeat, embeddedness,
 *                          withinDegreeZ, participation, role, confidence,
 *                          tieIds, tieWeights, tieOverlaps, tieSameNiche,
 *                          centralityNames?, centralityValues?}]->(:Niche)
 *      rank: position in the niche's member list, 0 = most trusted. tie*: parallel lists
 *      (the strongest reciprocal ties); centralityNames/Values: parallel lists of the extra
 *      centralities the analysis asked for, absent when it asked for none.
 *   Timestamps (createdAt, startedAt, finishedAt, updatedAt) are ISO 8601 strings.
 *
 * Where each concern lives (each module beside the cypher/ files it runs):
 *   schema.ts          init (constraints, indexes) and ping        schema*.cypher, ping
 *   graphs.ts          create, list, read, delete graphs           graph-*.cypher
 *   ingestion.ts       ingest (one atomic batch, replay by id)     ingest-*.cypher
 *   uploads.ts         resumable uploads' progress (Upload-Id)     upload-*.cypher
 *   projection.ts      graphVersion, project (the PairTable)       projection-chunks, project-graph, project-latest, graph-exists
 *   projection-chunks.ts the events again as packed chunks (ingest, rebuild)  projection-chunk*.cypher
 *   pair-aggregator.ts the projection's events folded into pairs (pure)
 *   analyses.ts        analysis records, leases, guarded status transitions  analysis-*.cypher
 *   niche-ids.ts       niche ids never reused in a graph (counter)  niche-ids-*.cypher
 *   result-writing.ts  writeResult: the compact form, then succeeded  result-*.cypher
 *   result-catalogue.ts the catalogue block (niche and community rows; pure)
 *   browser-view.ts    the Browser view, materialized after succeeded  browser-view-*.cypher
 *   browser-view-source.ts its rows: the stored compact form, or the result just written
 *   concurrent-transactions.ts a write's transactions a few at a time
 *   result-reading.ts  niches, members, one account's result       niches-page, members-page, account-result
 *   neo4j-context.ts   the driver, database, logger and Cypher files they share
 *   neo4j-values.ts    conversions at the boundary (integers, strings, chunks)
 * Idempotency-Key records are in idempotency-store.ts (a store of their own).
 *
 * Transactions. Each module's header says how it uses them. Managed transactions
 * (executeRead/executeWrite) may be retried by the driver on transient errors: every
 * callback recomputes its state from scratch.
 *
 * Numbers. Every integer read from Neo4j goes through toNumber() (neo4j-values.ts), so the
 * store works whatever the driver's disableLosslessIntegers setting; integers sent as
 * parameters (SKIP/LIMIT, sizes, ranks, timestamps) are wrapped with neo4j.int.
 *
 * Errors. Methods return null/false for unknown graphs/analyses/niches as the port
 * says (createAnalysis answers false for an unknown graph); writeResult throws
 * StoreNotFoundError when its analysis is gone (its graph was deleted meanwhile), and
 * LeaseLostError when the writer no longer holds it (cancelled, reclaimed, taken over). Anything else is a neo4j-driver error
 * (Neo4jError, with `code`), e.g. ServiceUnavailable when the server is down.
 */
import type { Driver } from 'neo4j-driver';
import type { AnalysisResult } from '../analysis/types.js';
import { CypherFiles } from './cypher-files.js';
import { Neo4jAnalyses } from './analyses.js';
import { Neo4jErasure } from './erasure.js';
import type { ErasureKeys } from './erasure-keys.js';
import { Neo4jGraphs } from './graphs.js';
import { Neo4jIngestion } from './ingestion.js';
import { Neo4jContext, silentLogger, type StoreLogger } from './neo4j-context.js';
import { Neo4jNicheIds } from './niche-ids.js';
import { Neo4jProjection, PROJECTION_EVENTS_PER_RECORD, PROJECTION_IDS_PER_RECORD, zeroWeightTypes } from './projection.js';
import { Neo4jBrowserView } from './browser-view.js';
import type { InMemoryResult } from './browser-view-source.js';
import { Neo4jResultReader } from './result-reading.js';
import { Neo4jResultWriter, type WriteBack, type WriteResultOptions } from './result-writing.js';
import { Neo4jSchema } from './schema.js';
import type {
  BrowserViewOutcome,
  AccountInput,
  AccountResultRow,
  AnalysisRecord,
  AnalysisStatus,
  AnalysisTimings,
  ClaimOutcome,
  CommunityRow,
  FoldMode,
  GraphRecord,
  GraphStore,
  GraphWithCounts,
  IngestResult,
  IngestStepResult,
  InteractionInput,
  Lease,
  MemberRow,
  ActivityBucket,
  NicheActivity,
  NicheGraph,
  NicheRow,
  StoredTie,
  Page,
  ProjectionInfo,
  ProjectionParams,
  UploadProgress,
  UploadStep,
  VersionedProjection,
} from './port.js';
import { uploadProgress } from './uploads.js';
import { readNicheActivity } from './niche-activity.js';

export { StoreNotFoundError } from './port.js';
export type { StoreLogger } from './neo4j-context.js';

export interface Neo4jGraphStoreOptions {
  driver: Driver;
  database: string;
  logger?: StoreLogger;
  /** Statements; default: the repository's cypher/ folder. */
  cypher?: CypherFiles;
  /** Rows per UNWIND in ingest, and niches per UNWIND in writeResult. Default 5000. */
  chunkSize?: number;
  /**
   * IN_NICHE memberships per transaction in writeResult, and the most niche or community
   * rows in one. Default 1000: on higgs-retweet (bench/persist.ts) 1,000-2,000 memberships
   * cost the server about a third less CPU than 5,000 or more (bigger transaction states
   * outlive more young GCs).
   */
  resultChunkSize?: number;
  /** Transactions of one result write running at a time, each on its own session. Default 2. */
  resultConcurrency?: number;
  /** Result block bytes per transaction. Default 4 MB. */
  blockBytesPerTransaction?: number;
  /** Niche member ids per transaction (memberIds lists). Default 100,000. */
  nicheMembersPerTransaction?: number;
  /** Which memberships become IN_NICHE relationships (browser-view.ts). Default 'compact'. */
  writeBack?: WriteBack;
  /**
   * How long a Browser-view materialization holds an analysis' view without one of its
   * transactions renewing it, ms (browser-view.ts); a process that died mid-write leaves it
   * to be written again after that. Default 60,000: each transaction takes well under a
   * second, so only a dead writer lets it run out.
   */
  browserViewLeaseMs?: number;
  /** Bytes of results kept in memory for reads (result-reading.ts). Default 256 MB. */
  resultCacheBytes?: number;
  /** How long a cached result entry lives at most, ms (other processes' deletions and erasures show after it). Default 60 s. */
  resultCacheTtlMs?: number;
  /**
   * Projection records: account ids per record (default 10000) and events per record, about
   * (default 8000). A few thousand values a list: neo4j-driver pays per record, and reads
   * a record larger than one network chunk more slowly (bench/README.md, Projection).
   */
  projectionIdsPerRecord?: number;
  projectionEventsPerRecord?: number;
  /**
   * Whether projections read the graphs' projection chunks (src/store/projection-chunks.ts;
   * a graph's stale or missing chunk set is rebuilt first), and whether ingests write them.
   * Default true; false reads the relationships every time, rebuilds nothing, writes no
   * chunk and leaves the set of every graph it ingests into stale (a store with chunks
   * rebuilds it): the reference the tests compare with, and the bench's ingestion baseline.
   */
  projectionChunks?: boolean;
  /** Nodes (with their relationships) per inner transaction when deleting a graph. Default 1000. */
  deleteBatchSize?: number;
  /**
   * The erasure ledger's keys (ERASURE_SECRET, erasure-keys.ts). Without them eraseAccount
   * throws, and so does an ingest into a graph that has ledger entries (it cannot check them).
   */
  erasureKeys?: ErasureKeys | null;
  /** ping() rejects after this many ms. Default 3000. */
  pingTimeoutMs?: number;
  /** Seconds init() waits for indexes to come online. Default 300. */
  indexTimeoutSeconds?: number;
}

/** The GraphStore port on Neo4j: one focused module per concern, composed here. */
export class Neo4jGraphStore implements GraphStore {
  private readonly ctx: Neo4jContext;
  private readonly schema: Neo4jSchema;
  private readonly graphs: Neo4jGraphs;
  private readonly ingestion: Neo4jIngestion;
  private readonly projection: Neo4jProjection;
  private readonly analyses: Neo4jAnalyses;
  private readonly nicheIds: Neo4jNicheIds;
  private readonly resultWriter: Neo4jResultWriter;
  private readonly browserView: Neo4jBrowserView;
  private readonly resultReader: Neo4jResultReader;
  private readonly erasure: Neo4jErasure;

  constructor(options: Neo4jGraphStoreOptions) {
    const chunkSize = options.chunkSize ?? 5000;
    const resultChunkSize = options.resultChunkSize ?? 1000;
    const resultConcurrency = options.resultConcurrency ?? 2;
    if (!(chunkSize >= 1)) throw new RangeError('store/neo4j-store: chunkSize must be >= 1');
    if (!(resultChunkSize >= 1)) throw new RangeError('store/neo4j-store: resultChunkSize must be >= 1');
    if (!(resultConcurrency >= 1)) throw new RangeError('store/neo4j-store: resultConcurrency must be >= 1');
    if (!((options.projectionIdsPerRecord ?? 1) >= 1) || !((options.projectionEventsPerRecord ?? 1) >= 1)) {
      throw new RangeError('store/neo4j-store: projectionIdsPerRecord and projectionEventsPerRecord must be >= 1');
    }
    this.ctx = new Neo4jContext(options.driver, options.database, options.logger ?? silentLogger, options.cypher ?? new CypherFiles());
    this.schema = new Neo4jSchema(this.ctx, {
      indexTimeoutSeconds: options.indexTimeoutSeconds ?? 300,
      pingTimeoutMs: options.pingTimeoutMs ?? 3000,
    });
    this.graphs = new Neo4jGraphs(this.ctx, { deleteBatchSize: options.deleteBatchSize ?? 1000 });
    this.erasure = new Neo4jErasure(this.ctx, { keys: options.erasureKeys ?? null, deleteBatchSize: options.deleteBatchSize ?? 1000 });
    this.ingestion = new Neo4jIngestion(this.ctx, { chunkSize, chunks: options.projectionChunks ?? true }, this.erasure);
    this.projection = new Neo4jProjection(this.ctx, {
      idsPerRecord: options.projectionIdsPerRecord ?? PROJECTION_IDS_PER_RECORD,
      eventsPerRecord: options.projectionEventsPerRecord ?? PROJECTION_EVENTS_PER_RECORD,
      chunks: options.projectionChunks ?? true,
    });
    this.analyses = new Neo4jAnalyses(this.ctx);
    this.nicheIds = new Neo4jNicheIds(this.ctx);
    this.resultWriter = new Neo4jResultWriter(this.ctx, {
      resultConcurrency,
      blockBytesPerTransaction: options.blockBytesPerTransaction ?? 4 * 1024 * 1024,
    });
    this.resultReader = new Neo4jResultReader(this.ctx, {
      cacheBytes: options.resultCacheBytes ?? 256 * 1024 * 1024,
      ttlMs: options.resultCacheTtlMs ?? 60_000,
    });
    this.browserView = new Neo4jBrowserView(this.ctx, this.resultReader, {
      resultChunkSize,
      resultConcurrency,
      nicheMembersPerTransaction: options.nicheMembersPerTransaction ?? 100_000,
      writeBack: options.writeBack ?? 'compact',
      leaseMs: options.browserViewLeaseMs ?? 60_000,
    });
  }

  // lifecycle (schema.ts)
  init(): Promise<void> {
    return this.schema.init();
  }
  ping(): Promise<void> {
    return this.schema.ping();
  }
  /** Closes the driver given at construction (the store owns it from then on). */
  async close(): Promise<void> {
    await this.ctx.driver.close();
  }

  // graphs (graphs.ts)
  createGraph(graph: { id: string; name: string; description: string | null; fold?: FoldMode }): Promise<GraphRecord | null> {
    return this.graphs.createGraph(graph);
  }
  listGraphs(page: { limit: number; offset: number }, only: string[] | null = null): Promise<Page<GraphRecord>> {
    return this.graphs.listGraphs(page, only);
  }
  getGraph(graphId: string): Promise<GraphWithCounts | null> {
    return this.graphs.getGraph(graphId);
  }
  graphExists(graphId: string): Promise<boolean> {
    return this.graphs.graphExists(graphId);
  }
  async deleteGraph(graphId: string): Promise<boolean> {
    this.resultReader.forgetGraph(graphId);
    try {
      return await this.graphs.deleteGraph(graphId);
    } finally {
      this.resultReader.forgetGraph(graphId);
    }
  }

  // erasure (erasure.ts, result-redaction.ts)
  async eraseAccount(graphId: string, accountId: string): Promise<{ redactedAnalyses: string[] } | null> {
    try {
      return await this.erasure.erase(graphId, accountId);
    } finally {
      // Whatever was redacted (all of it, or some before a failure) is read again.
      this.resultReader.forgetGraph(graphId);
    }
  }
  /** At boot: throws when the ledger has entries of a key not configured; counts entries and pending ones. */
  checkErasureLedger(): Promise<{ entries: number; pending: number }> {
    return this.erasure.checkLedger();
  }

  // ingestion (ingestion.ts)
  ingest(graphId: string, batch: { interactions: InteractionInput[]; accounts: AccountInput[] }, upload?: UploadStep, batchKey?: string): Promise<IngestStepResult | null> {
    return this.ingestion.ingest(graphId, batch, upload, batchKey);
  }
  uploadProgress(graphId: string, uploadId: string): Promise<UploadProgress | null> {
    return uploadProgress(this.ctx, graphId, uploadId);
  }

  // projection (projection.ts)
  graphVersion(graphId: string): Promise<number | null> {
    return this.projection.graphVersion(graphId);
  }
  project(graphId: string, params: ProjectionParams): Promise<VersionedProjection | null> {
    return this.projection.project(graphId, params);
  }

  // analyses (analyses.ts)
  createAnalysis(analysis: AnalysisRecord, lease: Lease): Promise<boolean> {
    return this.analyses.createAnalysis(analysis, lease);
  }
  getAnalysis(analysisId: string): Promise<AnalysisRecord | null> {
    return this.analyses.getAnalysis(analysisId);
  }
  unfinishedAnalyses(analysisIds: readonly string[]): Promise<Set<string>> {
    return this.analyses.unfinishedAnalyses(analysisIds);
  }
  listAnalyses(graphId: string, page: { limit: number; offset: number }): Promise<Page<AnalysisRecord> | null> {
    return this.analyses.listAnalyses(graphId, page);
  }
  claimAnalysis(analysisId: string, lease: Lease & { until: number }, queuedBy: string, startedAt: string): Promise<ClaimOutcome> {
    return this.analyses.claimAnalysis(analysisId, lease, queuedBy, startedAt);
  }
  renewLeases(analysisIds: string[], owner: string, until: number): Promise<string[]> {
    return this.analyses.renewLeases(analysisIds, owner, until);
  }
  async markFailed(analysisId: string, error: string, finishedAt: string, owner: string): Promise<boolean> {
    const failed = await this.analyses.markFailed(analysisId, error, finishedAt, owner);
    // What a write cut off (worker terminated or crashed) left staged goes with the failure.
    if (failed) await this.resultWriter.discard(analysisId, true, owner);
    return failed;
  }
  async failUnheld(analysisId: string, error: string, finishedAt: string, now: number, orphanOf: string | null = null): Promise<boolean> {
    const failed = await this.analyses.failUnheld(analysisId, error, finishedAt, now, orphanOf);
    // Its runner is gone: what it left staged goes with the failure.
    if (failed) await this.resultWriter.discard(analysisId, true, null);
    return failed;
  }
  // niche ids (niche-ids.ts)
  allocateNicheIds(graphId: string, count: number): Promise<number | null> {
    return this.nicheIds.allocate(graphId, count);
  }
  recordProjection(analysisId: string, projection: ProjectionInfo, owner: string): Promise<void> {
    return this.analyses.recordProjection(analysisId, projection, owner);
  }
  recordTimings(analysisId: string, timings: AnalysisTimings, owner: string): Promise<void> {
    return this.analyses.recordTimings(analysisId, timings, owner);
  }
  async reclaimExpired(reason: string, finishedAt: string, now: number): Promise<number> {
    const failed = await this.analyses.reclaimExpired(reason, finishedAt, now);
    // At boot: result rows a killed process left (of analyses now failed, or gone); the rows
    // of analyses that live leases hold (other processes' writes in progress) stay.
    const removed = await this.resultWriter.sweep(now);
    if (removed > 0) this.ctx.log.info({ removed }, 'removed the result rows of unfinished analyses');
    return failed;
  }
  reapCandidates(queueOwner: string, before: string, now: number, limit: number): Promise<string[]> {
    return this.analyses.reapCandidates(queueOwner, before, now, limit);
  }
  countAnalysesByStatus(): Promise<Partial<Record<AnalysisStatus, number>>> {
    return this.analyses.countAnalysesByStatus();
  }

  // result writing (result-writing.ts)
  async writeResult(
    analysisId: string,
    result: AnalysisResult,
    finishedAt: string,
    owner: string,
    options: WriteResultOptions & { onSucceeded?: () => void } = {},
  ): Promise<{ browserView: BrowserViewOutcome }> {
    let inMemory: InMemoryResult;
    try {
      inMemory = await this.resultWriter.writeResult(analysisId, result, finishedAt, owner, options);
      // Accounts erased while this analysis computed (its projection was read before) leave it now.
      await this.erasure.redactIfErased(analysisId, result.accounts.ids);
    } finally {
      // A result written again replaces the one this process may have cached.
      this.resultReader.forget(analysisId);
    }
    options.onSucceeded?.();
    // Its first materialization from the rows just stored (a redaction by redactIfErased
    // raised the revision: then from the stored form).
    return { browserView: await this.materializeBrowserView(analysisId, owner, inMemory) };
  }

  // the Browser view (browser-view.ts)
  /** `inMemory` (writeResult only): the result just stored, see browser-view-source.ts. */
  async materializeBrowserView(analysisId: string, owner: string, inMemory?: InMemoryResult): Promise<BrowserViewOutcome> {
    try {
      return await this.browserView.materialize(analysisId, owner, inMemory);
    } catch (err) {
      this.ctx.log.warn({ err, analysisId }, 'could not write the Browser view of the analysis: it is marked failed and written again later');
      return 'failed';
    }
  }
  browserViewsToWrite(now: number, options: { failed?: boolean } = {}): Promise<string[]> {
    return this.browserView.pending(now, options.failed !== false);
  }

  // result reading (result-reading.ts)
  listNiches(analysisId: string, page: { limit: number; offset: number }): Promise<Page<NicheRow>> {
    return this.resultReader.listNiches(analysisId, page);
  }
  listCommunities(analysisId: string, page: { limit: number; offset: number }): Promise<Page<CommunityRow>> {
    return this.resultReader.listCommunities(analysisId, page);
  }
  listMembers(analysisId: string, nicheId: string, page: { limit: number; offset: number }): Promise<Page<MemberRow> | null> {
    return this.resultReader.listMembers(analysisId, nicheId, page);
  }
  getAccountResult(analysisId: string, accountId: string): Promise<AccountResultRow | null> {
    return this.resultReader.getAccountResult(analysisId, accountId);
  }
  resultVersion(analysisId: string): Promise<{ finishedAt: string; revision: number } | null> {
    return this.resultReader.resultVersion(analysisId);
  }
  accountResults(analysisId: string, options?: { topTies?: boolean }): Promise<AsyncIterable<AccountResultRow> | null> {
    return this.resultReader.accountResults(analysisId, options);
  }
  accountNiches(analysisId: string): Promise<{ ids: readonly string[]; nicheRow: Int32Array } | null> {
    return this.resultReader.accountNiches(analysisId);
  }
  ties(analysisId: string): Promise<AsyncIterable<StoredTie[]> | null> {
    return this.resultReader.ties(analysisId);
  }
  nicheTies(analysisId: string, nicheId: string): Promise<StoredTie[] | null> {
    return this.resultReader.nicheTies(analysisId, nicheId);
  }
  nicheGraph(analysisId: string): Promise<NicheGraph | null> {
    return this.resultReader.nicheGraph(analysisId);
  }
  nicheActivity(analysisId: string, nicheId: string, bucket: ActivityBucket, typeWeights: Readonly<Record<string, number>>): Promise<NicheActivity | null> {
    return this.resultReader.nicheMembers(analysisId, nicheId).then((head) => readNicheActivity(this.ctx, head, bucket, { droppedTypes: zeroWeightTypes(typeWeights) }));
  }
  forgetResult(analysisId: string): void {
    this.resultReader.forget(analysisId);
  }
  /** Entries and bytes of the result cache (for /metrics). */
  resultCacheStats(): { entries: number; bytes: number } {
    return this.resultReader.cacheStats();
  }
}
