/**
 * The storage port. The HTTP layer and the job runner depend on this interface only;
 * src/store/neo4j-store.ts implements it against Neo4j (the system of record), composing
 * one focused module per concern (graphs.ts, ingestion.ts, projection.ts, analyses.ts,
 * result-writing.ts, result-reading.ts, schema.ts).
 * Every method that names a missing graph/analysis returns null/false instead of
 * throwing, so that the HTTP layer decides which 404 to answer.
 */
import type { CentralityName } from '../analysis/centrality/select.js';
import type { PairTable } from '../analysis/pair-table.js';
import type { LineageEvent } from '../analysis/lineage.js';
import type { AnalysisResult, AnalysisSummary, CommunityResult, MemberScore, NicheResult } from '../analysis/types.js';

/**
 * How a graph stores interactions without ids (fixed when the graph is created):
 *   'none': one relationship per event (the default);
 *   'day':  events of one (source, target, type, UTC day, sign of the weight) are folded into
 *           one relationship holding their `count`, the sum of their weights and the day's
 *           start as its time (src/store/fold.ts). Events with ids are never folded.
 */
export type FoldMode = 'none' | 'day';

export interface GraphRecord {
  id: string;
  name: string;
  description: string | null;
  createdAt: string; // ISO 8601
  fold: FoldMode;
}

export interface GraphWithCounts extends GraphRecord {
  accounts: number;
  interactions: number;
  /** Raised by every ingest (0 before the first); see graphVersion. */
  version: number;
}

export interface Page<T> {
  total: number;
  items: T[];
}

/** One validated interaction, ready to store. */
export interface InteractionInput {
  id: string | null;
  source: string;
  target: string;
  type: string;
  weight: number;
  /** Epoch milliseconds, or null when the client gave none. */
  timestamp: number | null;
}

export interface AccountInput {
  id: string;
  /** Flat map of primitive values (string, number, boolean). */
  properties: Record<string, string | number | boolean>;
}

export interface IngestResult {
  /** Interactions newly stored by this call. */
  stored: number;
  /** Interactions skipped because their id was already stored in this graph (or repeated in the batch). */
  duplicates: number;
  /** Interactions not stored because they name an erased account (the erasure ledger). */
  suppressed: number;
}

/**
 * One batch of a resumable streamed upload (Upload-Id, src/store/uploads.ts): the batch is
 * stored only when the upload's committed progress is `rowsBefore` rows, and the progress
 * moves to `rowsBefore + rows` in the batch's own transaction.
 */
export interface UploadStep {
  uploadId: string;
  /** Rows the caller knows committed before this batch. */
  rowsBefore: number;
  /** Data rows of this batch (valid rows; what the progress counts). */
  rows: number;
  /** Rows per batch of the upload (recorded on its first batch). */
  batchRows: number;
  /** The upload's digest chained over the rows up to and including this batch. */
  digest: string;
}

export interface IngestStepResult extends IngestResult {
  /**
   * True when the upload's progress already held this very batch (a commit whose answer was
   * lost, retried by the driver): nothing was written again; the figures are the first commit's.
   */
  replayed?: boolean;
}

/** What a resumable upload has committed (GET /v1/graphs/{graphId}/uploads/{uploadId}). */
export interface UploadProgress {
  uploadId: string;
  graphId: string;
  /** Data rows committed, in whole batches: the first `rows` data rows of the body. */
  rows: number;
  batches: number;
  stored: number;
  duplicates: number;
  suppressed: number;
  batchRows: number;
  /** The digest chained over the committed rows (a resumed body must begin with the same rows). */
  digest: string;
  createdAt: string;
  updatedAt: string;
}

/** A projection and the graph version its rows are at least as new as. */
export interface VersionedProjection {
  version: number;
  table: PairTable;
}

export interface ProjectionParams {
  /** Multiplier per interaction type; a type not listed keeps weight * 1. 0 drops the type. */
  typeWeights: Record<string, number>;
  /** Inclusive lower bound on the timestamp, epoch ms; interactions without timestamp are excluded when set. */
  from: number | null;
  /** Exclusive upper bound on the timestamp, epoch ms. */
  to: number | null;
  /** Pairs whose |aggregated weight| (positive + negative) is below this are dropped. */
  minWeight: number;
  /**
   * Time decay (ISO 8601 duration, e.g. "P30D"): each interaction weighs 2^(-age / halfLife),
   * age measured from `to` (or, without `to`, from the latest interaction in the window);
   * interactions without a timestamp are left out, as with `from`. Absent or null: no decay.
   */
  halfLife?: string | null;
}

export type AnalysisStatus = 'queued' | 'running' | 'succeeded' | 'failed';

export interface AnalysisParams extends ProjectionParams {
  /** Niche-level resolution asked for; null (or 1 in analyses stored before issue 9): see AnalysisOptions.resolution. */
  resolution: number | null;
  seed: number;
  topK: number;
  /** Louvain runs combined by consensus (1 = plain Louvain). Absent in analyses stored before issue 4: 1. */
  runs?: number;
  /** Groups below this size go to the unassigned group. */
  minNicheSize?: number;
  /** Typical niche size band the resolution was aimed at, or null (resolution used as given). */
  nicheSize?: { min: number; max: number } | null;
  /** Extra centralities reported per account (none when absent). */
  centralities?: CentralityName[];
  /**
   * The baseline analysis asked for (issue 12): an analysis id, null for none; absent: the
   * latest earlier succeeded analysis of the graph with the same projection params apart from
   * the time window (resolved when the analysis runs; see AnalysisRecord.lineage).
   */
  baseline?: string | null;
  /** Start the niches from the baseline's (as GDS's seedProperty). Absent: true. */
  warmStart?: boolean;
}

/** What an analysis' lineage from its baseline found (set with its result). */
export interface AnalysisLineage {
  baselineAnalysisId: string;
  /** Niches per event; dissolved: baseline niches related to no niche of this analysis. */
  events: Record<LineageEvent | 'dissolved', number>;
  dissolved: Array<{ nicheId: string; size: number }>;
}

/**
 * Milliseconds per analysis phase (projection, communities, centrality, scoring,
 * persistence), plus `queued` (created -> started) and `total` (created -> finished).
 * A phase that never ran (failure, cancellation) is absent.
 */
export type AnalysisTimings = Partial<
  Record<'queued' | 'projection' | 'communities' | 'centrality' | 'scoring' | 'persistence' | 'browserView' | 'total', number>
>;

/** What became of a Browser-view materialization (src/store/browser-view.ts). */
export type BrowserViewOutcome = 'written' | 'held' | 'failed';

export interface AnalysisRecord {
  id: string;
  graphId: string;
  status: AnalysisStatus;
  params: AnalysisParams;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  summary: AnalysisSummary | null;
  /** Set once the analysis has finished (see recordTimings); absent/null before. */
  timings?: AnalysisTimings | null;
  /**
   * A succeeded analysis' Browser view (the nodes explore.cypher reads): 'pending' while it is
   * materialized after the analysis succeeded, 'written' once visible, 'failed' when a
   * materialization gave up (written again later); absent before the analysis succeeded.
   */
  browserView?: 'pending' | 'written' | 'failed';
  /** Set once its projection was read (see recordProjection); absent before. */
  projection?: ProjectionInfo;
  /** Set with the result when the analysis had a baseline; absent otherwise. */
  lineage?: AnalysisLineage;
  /** Accounts erased from its stored result since it was computed (eraseAccount); absent when none. */
  erasures?: number;
}

/** Which data an analysis read. */
export interface ProjectionInfo {
  /** The graph version the projected rows are at least as new as (see graphVersion). */
  graphVersion: number;
  /** Whether the projection came from the projection cache rather than Neo4j. */
  cached: boolean;
}

/** A niche as listed: everything of the analysis' NicheResult but its member list. */
export type NicheRow = Omit<NicheResult, 'members'> & {
  /** True once an account of it was erased: its figures are those computed with that account (store/result-redaction.ts). */
  redacted?: boolean;
};

/** A community as listed: its figures and its niches' ids, largest first. */
export type CommunityRow = CommunityResult;

export interface MemberRow extends MemberScore {
  rank: number;
}

export interface AccountResultRow {
  accountId: string;
  nicheId: string;
  nicheSize: number;
  /** True when the account is in the unassigned group (its group was below minNicheSize). */
  unassigned: boolean;
  member: MemberRow;
}

/**
 * Who holds an unfinished analysis, and until when. Every status change is made by its holder
 * (`WHERE owner = $me`), so a runner that lost its analysis (cancelled, reclaimed, taken over)
 * can change nothing. `until`: epoch ms the holder must renew before; null = no expiry (a
 * shared queue holds it, see src/jobs/fleet/).
 */
export interface Lease {
  owner: string;
  until: number | null;
}

/** What claimAnalysis did: took the analysis, or found it finished / held (until `leaseUntil`) / unknown (status null). */
export type ClaimOutcome = { claimed: true } | { claimed: false; status: AnalysisStatus | null; leaseUntil: number | null };

/** The store refused a change because the analysis is no longer held by the caller. */
export class LeaseLostError extends Error {
  readonly code = 'NG_LEASE_LOST';
  constructor(readonly analysisId: string) {
    super(`store: analysis '${analysisId}' is no longer running under this runner's lease (cancelled, reclaimed or taken over)`);
    this.name = 'LeaseLostError';
  }
}

export interface GraphStore {
  /** Creates constraints and indexes (idempotent). */
  init(): Promise<void>;
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;

  /** Returns null when the id is taken. */
  createGraph(graph: { id: string; name: string; description: string | null; fold?: FoldMode }): Promise<GraphRecord | null>;
  /** `only`: list just these graph ids (a key's allow-list); null/absent = all graphs. */
  listGraphs(page: { limit: number; offset: number }, only?: string[] | null): Promise<Page<GraphRecord>>;
  /** A graph read with its counts (a scan of its accounts): for the graph resource itself. */
  getGraph(graphId: string): Promise<GraphWithCounts | null>;
  /** Whether the graph exists (and is not being deleted): one node read, for request paths that only need that. */
  graphExists(graphId: string): Promise<boolean>;
  /** Removes the graph with its accounts, interactions, analyses and niches. False when unknown. */
  deleteGraph(graphId: string): Promise<boolean>;

  /**
   * Erases an account (the right to erasure, store/erasure.ts): the account, every
   * interaction it sent or received and every trace in stored results; a ledger entry (an
   * HMAC of graph and account id, no id) makes later ingests suppress it. Idempotent: an
   * unknown or already erased account is erased again (nothing to remove, the entry kept).
   * Null when the graph is unknown; otherwise the analyses whose stored result held it.
   */
  eraseAccount(graphId: string, accountId: string): Promise<{ redactedAnalyses: string[] } | null>;

  /** Stores one batch atomically (one transaction). Returns null when the graph is unknown. */
  ingest(
    graphId: string,
    batch: { interactions: InteractionInput[]; accounts: AccountInput[] },
    upload?: UploadStep,
    /**
     * A JSON batch's replay key (its Idempotency-Key scoped to the caller). A folded graph
     * (FoldMode 'day') refuses events without ids unless the batch has `upload` or this
     * (FoldUnguarded, src/store/fold.ts): it records the batch under it, in the same
     * transaction, so a retry never folds the batch in twice.
     */
    batchKey?: string,
  ): Promise<IngestStepResult | null>;
  /** The committed progress of a resumable upload; null when the graph or the upload is unknown. */
  uploadProgress(graphId: string, uploadId: string): Promise<UploadProgress | null>;

  /**
   * The graph's version: a counter that every ingest into it raises (in the ingest's
   * transaction), so a projection cached under a version is stale once it has moved.
   * Null when the graph is unknown.
   */
  graphVersion(graphId: string): Promise<number | null>;
  /** Aggregated interaction graph for analysis, with the version it is at least as new as; null when the graph is unknown. */
  project(graphId: string, params: ProjectionParams): Promise<VersionedProjection | null>;

  /** Stores a queued analysis held under `lease`. False when the graph is unknown (or being deleted). */
  createAnalysis(analysis: AnalysisRecord, lease: Lease): Promise<boolean>;
  getAnalysis(analysisId: string): Promise<AnalysisRecord | null>;
  /** The ids among `analysisIds` of analyses still queued or running (one lookup; unknown ids are not). */
  unfinishedAnalyses(analysisIds: readonly string[]): Promise<Set<string>>;
  /** A graph's analyses, newest first (createdAt, then id, descending); null when the graph is unknown. */
  listAnalyses(graphId: string, page: { limit: number; offset: number }): Promise<Page<AnalysisRecord> | null>;
  /**
   * A runner takes the analysis under `lease` (until required): queued and held by `queuedBy`
   * (or by lease.owner) -> running; queued/running under an expired lease -> taken over.
   * False (nothing changed) when it is finished or a live runner holds it.
   */
  claimAnalysis(analysisId: string, lease: Lease & { until: number }, queuedBy: string, startedAt: string): Promise<ClaimOutcome>;
  /** Extends `owner`'s leases; returns the ids it still holds (the others must stop). */
  renewLeases(analysisIds: string[], owner: string, until: number): Promise<string[]>;
  /**
   * queued/running -> failed, by its holder only (false when finished or held by another);
   * the rows of its result, if a write had begun, are removed with it.
   */
  markFailed(analysisId: string, error: string, finishedAt: string, owner: string): Promise<boolean>;
  /**
   * queued/running -> failed when nobody holds it: no owner, a lease expired before `now`
   * (epoch ms), or the holder `orphanOf` which the caller knows lost it (false otherwise);
   * the rows its runner left staged are removed with it.
   */
  failUnheld(analysisId: string, error: string, finishedAt: string, now: number, orphanOf?: string | null): Promise<boolean>;
  /**
   * Stores the result in its compact form (staged), then marks the analysis succeeded (with
   * `timings`, when given, in the same transaction), only while it is running and held by
   * `owner`: LeaseLostError otherwise, and nothing of it stays. On any other failure nothing
   * of it stays either. Then (`onSucceeded` told first) materializes its Browser view from
   * the compact form (materializeBrowserView) and resolves with that view's state; a failed
   * materialization does not throw (the analysis stays succeeded, its view 'failed').
   */
  writeResult(
    analysisId: string,
    result: AnalysisResult,
    finishedAt: string,
    owner: string,
    options?: { timings?: () => AnalysisTimings; onSucceeded?: () => void },
  ): Promise<{ browserView: BrowserViewOutcome }>;
  /**
   * Writes the Browser view of a succeeded analysis (its (:Niche) and (:Community) nodes and
   * their relationships) from the compact form, made visible only once complete:
   * 'written'; 'held' when another live materialization holds it, it is written already, or
   * the analysis is not succeeded; 'failed' when a write failed (what it staged removed,
   * retried later from browserViewsToWrite).
   */
  materializeBrowserView(analysisId: string, owner: string): Promise<BrowserViewOutcome>;
  /**
   * Succeeded analyses whose Browser view is pending or failed and held by no live
   * materialization at `now` (epoch ms); `failed: false`: only the pending ones (a writer
   * died), not those a write gave up on.
   */
  browserViewsToWrite(now: number, options?: { failed?: boolean }): Promise<string[]>;
  /**
   * Reserves `count` niche ids of a graph, never handed out before (a counter on the graph,
   * raised atomically; on a graph analysed before it existed, it starts above every "n<k>"
   * niche id the graph has). Returns the first k of ids "n<k>" .. "n<k + count - 1>"; null
   * when the graph is unknown.
   */
  allocateNicheIds(graphId: string, count: number): Promise<number | null>;
  /** Stores which data the analysis read (by its holder); otherwise a no-op. */
  recordProjection(analysisId: string, projection: ProjectionInfo, owner: string): Promise<void>;
  /** Stores the phase timings of an analysis (any status, by its holder); otherwise a no-op. */
  recordTimings(analysisId: string, timings: AnalysisTimings, owner: string): Promise<void>;
  /**
   * At start-up: marks failed the queued/running analyses whose lease expired before `now`
   * (epoch ms) or that have no holder, and removes the result rows of every analysis that is
   * neither succeeded nor held by a live lease; live holders' analyses and their staged rows
   * are left alone. Returns how many it marked failed.
   */
  reclaimExpired(reason: string, finishedAt: string, now: number): Promise<number>;
  /**
   * Ids (at most `limit`) of unfinished analyses that may have been lost: held by the shared
   * queue `queueOwner` since before `before` (ISO 8601), or under a lease expired before `now`.
   */
  reapCandidates(queueOwner: string, before: string, now: number, limit: number): Promise<string[]>;
  /** Number of analyses per status (statuses with none are absent). */
  countAnalysesByStatus(): Promise<Partial<Record<AnalysisStatus, number>>>;

  listNiches(analysisId: string, page: { limit: number; offset: number }): Promise<Page<NicheRow>>;
  /** The communities of a stored result, largest first (total 0 when it has none). */
  listCommunities(analysisId: string, page: { limit: number; offset: number }): Promise<Page<CommunityRow>>;
  /** null when the niche does not exist in that analysis. */
  listMembers(analysisId: string, nicheId: string, page: { limit: number; offset: number }): Promise<Page<MemberRow> | null>;
  getAccountResult(analysisId: string, accountId: string): Promise<AccountResultRow | null>;

  /**
   * Reads of a succeeded analysis for exports and the explorer (null when it has no stored
   * result). accountResults: every account, niche by niche in rank order, in constant
   * memory. ties: the ties the analysis saw, in batches. nicheTies: the ties inside one
   * niche (null when the niche is unknown). nicheGraph: niches with sizes and the
   * inter-niche weights. `topTies: false` leaves each member's topTies empty (a bulk
   * reader that does not need them skips the ids of its contacts).
   */
  accountResults(analysisId: string, options?: { topTies?: boolean }): Promise<AsyncIterable<AccountResultRow> | null>;
  /**
   * Every account's niche in a stored result, as columns: the account ids in ascending order
   * (the result's account index) and, for each, the row of its niche in listNiches' order
   * (the unassigned group included). Null when the analysis has no stored result. The
   * warm start and lineage read this (jobs/niche-lineage.ts): one pass over the blocks, no
   * object per account.
   */
  accountNiches(analysisId: string): Promise<{ ids: readonly string[]; nicheRow: Int32Array } | null>;
  /**
   * The version of an analysis's stored result (finishedAt, and a revision raised when a
   * stored result is changed, e.g. by an erasure), for ETags; null when it has no stored
   * result. Answered from memory once read.
   */
  resultVersion(analysisId: string): Promise<{ finishedAt: string; revision: number } | null>;
  ties(analysisId: string): Promise<AsyncIterable<StoredTie[]> | null>;
  nicheTies(analysisId: string, nicheId: string): Promise<StoredTie[] | null>;
  nicheGraph(analysisId: string): Promise<NicheGraph | null>;
  /**
   * Events between a niche's current members per UTC day or ISO week over the span of
   * internal activity the analysis recorded for it (store/niche-activity.ts says exactly
   * which events and the bound); typeWeights: the analysis's (the types it weighted 0 are left
   * out, as the projection leaves them out). null when the analysis has no such niche.
   */
  nicheActivity(analysisId: string, nicheId: string, bucket: ActivityBucket, typeWeights: Readonly<Record<string, number>>): Promise<NicheActivity | null>;
  /** Drops what this process caches about an analysis's result (its graph deleted, an account erased). */
  forgetResult(analysisId: string): void;
}

/** One undirected tie an analysis saw: positive weight of both directions summed. */
export interface StoredTie {
  source: string;
  target: string;
  /** Account indices in the analysis (ascending ids), source < target. */
  sourceIndex: number;
  targetIndex: number;
  weight: number;
  /**
   * Its reciprocated part, min of the two directions' positive weight (0: one-way); null
   * for results stored before the ties carried it (ties blocks of version 1).
   */
  reciprocated: number | null;
}

export type ActivityBucket = 'day' | 'week';

/** A niche's events over time (GraphStore.nicheActivity). */
export interface NicheActivity {
  bucket: ActivityBucket;
  /** The span counted (the niche's first and last internal activity), ISO 8601; null without timestamped events. */
  from: string | null;
  to: string | null;
  /** Events in the span, and those of them before the first bucket listed (the bucket cap). */
  events: number;
  earlierEvents: number;
  /** Contiguous buckets, oldest first, zeros included; start: the bucket's start, ISO 8601 UTC. */
  buckets: Array<{ start: string; events: number }>;
}

/** The niche-level graph of an analysis. */
export interface NicheGraph {
  niches: Array<{ id: string; size: number; unassigned: boolean }>;
  /** One per pair of niches with ties between them (source before target in rank order). */
  links: Array<{ source: string; target: string; weight: number; ties: number }>;
}

/** Thrown by writeResult when its analysis is gone (its graph was deleted meanwhile). */
export class StoreNotFoundError extends Error {
  readonly code = 'NG_STORE_NOT_FOUND';
  constructor(
    readonly entity: 'graph' | 'analysis',
    readonly id: string,
  ) {
    super(`store/neo4j-store: ${entity} '${id}' does not exist`);
    this.name = 'StoreNotFoundError';
  }
}
