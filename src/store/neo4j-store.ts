/**
 * Neo4jGraphStore: the GraphStore port (src/store/port.ts) on Neo4j 5 (Community is enough).
 *
 * Data model. Every query is a file in cypher/ (see src/store/cypher-files.ts); the
 * constraints and indexes are in cypher/schema.cypher.
 *
 *   (:Graph {id, name, description, createdAt, updatedAt?, deleting?})      unique id
 *   (:Account {graphId, id, ...properties})                       unique (graphId, id)
 *      Account properties from the input are stored under their own names (flat
 *      primitives); graphId and id are always re-assigned after them, so input can
 *      never overwrite them. A later batch overwrites a property of the same name.
 *   (:Account)-[:INTERACTED {graphId, id, key, type, weight, ts}]->(:Account)
 *      id: client id or null; key: graphId + '/' + id when id is given, else null
 *      (unique constraint on key; graph ids cannot contain '/', so keys never collide);
 *      weight: float (sign kept); ts: integer epoch ms or null.
 *   (:Analysis {id, graphId, status, params, createdAt, startedAt, finishedAt, error,
 *               accounts, edges, niches, modularity, resolutionUsed, runs, consensusRounds,
 *               louvainDisconnected, unassigned, meanConfidence})                 unique id
 *      params: JSON string of AnalysisParams; accounts .. meanConfidence: the
 *      AnalysisSummary (resolutionUsed = summary.resolution), null until the analysis succeeded.
 *      timings: JSON string of AnalysisTimings, written by recordTimings once the analysis
 *      has finished.
 *      graphVersion, projectionCached: what the projection read (recordProjection).
 *      owner, leaseUntil, attempts: who holds the unfinished analysis and until when (epoch ms;
 *      null = a shared queue holds it), and how many times a runner claimed it.
 *   (:Analysis)-[:OF_GRAPH]->(:Graph)
 *   (:Niche {analysisId, graphId, id, rank, size, density, conductance,
 *            trustedIds, trustedScores, unassigned, stability, reciprocity, events,
 *            firstActivity, lastActivity, eventsPerDay, typeNames, typeShares,
 *            bridgeIds, bridgeParticipation, bridgeTo})            unique (analysisId, id)
 *      rank: 0 = largest (id = "n" + rank; the unassigned group, id "unassigned", last);
 *      trustedIds/trustedScores, typeNames/typeShares (dominant interaction types) and
 *      bridgeIds/bridgeParticipation/bridgeTo: parallel
 *      lists (bridgeTo: comma-separated niche ids), highest score first.
 *   (:Niche)-[:OF_ANALYSIS]->(:Analysis)
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
 * Transactions.
 *   - ingest: one write transaction per call (all or nothing), rows sent in UNWIND
 *     chunks of `chunkSize` (5,000) with several tx.run: lock the Graph node (ingests
 *     into one graph are serialised, so the duplicate check below stays exact), look up
 *     which keys are already stored (read-only, plain index seeks), set the properties of
 *     the batch's accounts, MERGE the distinct endpoints of the new interactions, CREATE
 *     the new interactions. Ids repeated inside the batch are dropped in JS beforehand.
 *   - writeResult: one write transaction (lock analysis, set succeeded + summary, drop
 *     the niches of a previous write, create niches and memberships in chunks); above
 *     resultTransactionRows memberships, several: niches first, then the memberships in
 *     transactions of resultChunkSize (1,000) rows, resultConcurrency of them at a time on separate
 *     sessions, then succeeded + summary last (see writeLargeResult). Memberships go
 *     column-wise (one list per property, cut into runs of one niche: result-members).
 *     Every chunk checks that it stored one membership per row (an account missing from
 *     the graph fails the write instead of leaving a member out); a chunk transaction the
 *     driver retries writes nothing when its first membership is already stored.
 *   - deleteGraph: flags the graph `deleting` (hidden from then on; ingest, project and
 *     createAnalysis refuse it), then deletes analyses, accounts (with their INTERACTED
 *     and IN_NICHE relationships), niches and the graph with auto-commit
 *     `CALL { } IN TRANSACTIONS OF deleteBatchSize ROWS` statements (1,000 nodes and their
 *     relationships per inner transaction); a deleteGraph interrupted half-way is
 *     finished by the next call. While flagged, the id stays taken (createGraph: null).
 *   - project: one read transaction; the graph's version first, then pairs aggregated per
 *     source account on the server and streamed (async iteration) into a PairTableBuilder
 *     (typed columns, no object per pair), then the accounts; the builder sorts both in
 *     code-unit order, so the order never depends on locale or server.
 *   - Status changes are guarded by the analysis' holder and lease (owner, leaseUntil: epoch
 *     ms, null = a shared queue holds it): claimAnalysis moves queued -> running (or takes
 *     over a queued/running analysis whose lease expired) and records the new holder;
 *     markFailed and writeResult (result-begin: `WHERE status = 'running' AND owner = $owner`)
 *     act for the holder only; failUnheld and reclaimExpired only touch analyses nobody holds
 *     (no owner, or an expired lease). So a runner that was cancelled, reclaimed or taken over
 *     can never turn its analysis back into running or succeeded.
 *   - Managed transactions (executeRead/executeWrite) may be retried by the driver on
 *     transient errors: every callback recomputes its state from scratch (a membership
 *     chunk of a large result first checks whether an earlier attempt committed).
 *
 * Numbers. Every integer read from Neo4j goes through toNumber() here, so the store
 * works whatever the driver's disableLosslessIntegers setting; integers sent as
 * parameters (SKIP/LIMIT, sizes, ranks, timestamps) are wrapped with neo4j.int.
 *
 * Errors. Methods return null/false for unknown graphs/analyses/niches as the port
 * says (createAnalysis answers false for an unknown graph); writeResult throws
 * StoreNotFoundError when its analysis is gone (its graph was deleted meanwhile). Anything else is a neo4j-driver error
 * (Neo4jError, with `code`), e.g. ServiceUnavailable when the server is down.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape } from 'neo4j-driver';
import { PairTableBuilder } from '../analysis/pair-table.js';
import type { AnalysisResult, AnalysisSummary } from '../analysis/types.js';
import { CypherFiles } from './cypher-files.js';
import type {
  AccountResultRow,
  AnalysisParams,
  AnalysisRecord,
  AnalysisStatus,
  AnalysisTimings,
  GraphRecord,
  GraphStore,
  GraphWithCounts,
  ClaimOutcome,
  IngestResult,
  InteractionInput,
  Lease,
  AccountInput,
  MemberRow,
  NicheRow,
  Page,
  ProjectionInfo,
  ProjectionParams,
  VersionedProjection,
} from './port.js';
import { LeaseLostError } from './port.js';

/** The subset of a pino logger the store uses. */
export interface StoreLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface Neo4jGraphStoreOptions {
  driver: Driver;
  database: string;
  logger?: StoreLogger;
  /** Statements; default: the repository's cypher/ folder. */
  cypher?: CypherFiles;
  /** Rows per UNWIND in ingest, and niches per UNWIND in writeResult. Default 5000. */
  chunkSize?: number;
  /**
   * Memberships per UNWIND in writeResult, and per transaction above resultTransactionRows.
   * Default 1000: on higgs-retweet (bench/persist.ts) 1,000-2,000 cost the server about a
   * third less CPU than 5,000 or more (bigger transaction states outlive more young GCs).
   */
  resultChunkSize?: number;
  /**
   * Above this many memberships, writeResult writes them in transactions of `resultChunkSize`
   * rows before the final one (a single transaction would exceed Neo4j's transaction
   * memory on graphs of a few hundred thousand accounts). Default 50000.
   */
  resultTransactionRows?: number;
  /**
   * Membership transactions of a large result (see resultTransactionRows) run this many at
   * a time, each on its own session. Default 2.
   */
  resultConcurrency?: number;
  /** Nodes (with their relationships) per inner transaction when deleting a graph. Default 1000. */
  deleteBatchSize?: number;
  /** ping() rejects after this many ms. Default 3000. */
  pingTimeoutMs?: number;
  /** Seconds init() waits for indexes to come online. Default 300. */
  indexTimeoutSeconds?: number;
}

/** Thrown by createAnalysis (unknown graph) and writeResult (unknown analysis). */
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

const CONSTRAINT_FAILED = 'Neo.ClientError.Schema.ConstraintValidationFailed';
const EQUIVALENT_SCHEMA_RULE = 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists';

/** Records pulled per round trip while streaming a projection (driver default: 1000). */
const PROJECTION_FETCH_SIZE = 10_000;

const silentLogger: StoreLogger = { debug() {}, info() {}, warn() {} };

/** neo4j Integer | bigint | number -> number (null/undefined -> null). */
function toNumberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (neo4j.isInt(value)) return value.toNumber();
  throw new TypeError(`store/neo4j-store: expected a number, got ${typeof value}`);
}

function toNumber(value: unknown): number {
  const n = toNumberOrNull(value);
  if (n === null) throw new TypeError('store/neo4j-store: expected a number, got null');
  return n;
}

function str(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`store/neo4j-store: expected a string, got ${typeof value}`);
  return value;
}

function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : str(value);
}

function int(n: number) {
  return neo4j.int(Math.trunc(n));
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

function firstRecord<R extends RecordShape>(result: QueryResult<R>) {
  return result.records[0];
}

type Row = Record<string, unknown>;

export class Neo4jGraphStore implements GraphStore {
  private readonly driver: Driver;
  private readonly database: string;
  private readonly log: StoreLogger;
  private readonly q: CypherFiles;
  private readonly chunkSize: number;
  private readonly resultChunkSize: number;
  private readonly deleteBatchSize: number;
  private readonly resultTransactionRows: number;
  private readonly resultConcurrency: number;
  private readonly pingTimeoutMs: number;
  private readonly indexTimeoutSeconds: number;

  constructor(options: Neo4jGraphStoreOptions) {
    this.driver = options.driver;
    this.database = options.database;
    this.log = options.logger ?? silentLogger;
    this.q = options.cypher ?? new CypherFiles();
    this.chunkSize = options.chunkSize ?? 5000;
    this.resultChunkSize = options.resultChunkSize ?? 1000;
    this.deleteBatchSize = options.deleteBatchSize ?? 1000;
    this.resultTransactionRows = options.resultTransactionRows ?? 50_000;
    this.resultConcurrency = options.resultConcurrency ?? 2;
    this.pingTimeoutMs = options.pingTimeoutMs ?? 3000;
    this.indexTimeoutSeconds = options.indexTimeoutSeconds ?? 300;
    if (!(this.chunkSize >= 1)) throw new RangeError('store/neo4j-store: chunkSize must be >= 1');
    if (!(this.resultChunkSize >= 1)) throw new RangeError('store/neo4j-store: resultChunkSize must be >= 1');
    if (!(this.resultConcurrency >= 1)) throw new RangeError('store/neo4j-store: resultConcurrency must be >= 1');
  }

  // ---------------------------------------------------------------- helpers

  private read(name: string, params: Row = {}) {
    return this.driver.executeQuery(this.q.get(name), params, {
      database: this.database,
      routing: neo4j.routing.READ,
    });
  }

  private write(name: string, params: Row = {}) {
    return this.driver.executeQuery(this.q.get(name), params, {
      database: this.database,
      routing: neo4j.routing.WRITE,
    });
  }

  private async inWrite<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  private async inRead<T>(work: (tx: ManagedTransaction) => Promise<T>, fetchSize?: number): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.READ,
      ...(fetchSize === undefined ? {} : { fetchSize }),
    });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }

  // ---------------------------------------------------------------- lifecycle

  async init(): Promise<void> {
    const started = Date.now();
    for (const statement of this.q.statements('schema')) {
      try {
        await this.driver.executeQuery(statement, {}, { database: this.database, routing: neo4j.routing.WRITE });
      } catch (err) {
        // Two processes starting together race past IF NOT EXISTS; the loser is told the
        // rule already exists, which is what it wanted.
        if (errorCode(err) !== EQUIVALENT_SCHEMA_RULE) throw err;
      }
    }
    await this.driver.executeQuery(
      this.q.get('schema-await'),
      { timeoutSeconds: int(this.indexTimeoutSeconds) },
      { database: this.database, routing: neo4j.routing.READ },
    );
    this.log.info({ ms: Date.now() - started }, 'neo4j constraints and indexes ready');
  }

  async ping(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.read('ping'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`store/neo4j-store: Neo4j did not answer within ${this.pingTimeoutMs} ms`)),
            this.pingTimeoutMs,
          );
        }),
      ]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Closes the driver given at construction (the store owns it from then on). */
  async close(): Promise<void> {
    await this.driver.close();
  }

  // ---------------------------------------------------------------- graphs

  async createGraph(graph: { id: string; name: string; description: string | null }): Promise<GraphRecord | null> {
    try {
      const res = await this.write('graph-create', {
        id: graph.id,
        name: graph.name,
        description: graph.description,
        createdAt: new Date().toISOString(),
      });
      const r = firstRecord(res);
      if (!r) throw new Error('store/neo4j-store: graph-create returned no row');
      return toGraphRecord(r.toObject());
    } catch (err) {
      if (isConstraintViolation(err)) return null;
      throw err;
    }
  }

  async listGraphs(page: { limit: number; offset: number }, only: string[] | null = null): Promise<Page<GraphRecord>> {
    const res = await this.read('graph-list', { offset: int(page.offset), limit: int(page.limit), only });
    const r = firstRecord(res);
    if (!r) return { total: 0, items: [] };
    return {
      total: toNumber(r.get('total')),
      items: (r.get('items') as Row[]).map(toGraphRecord),
    };
  }

  async getGraph(graphId: string): Promise<GraphWithCounts | null> {
    const r = firstRecord(await this.read('graph-get', { graphId }));
    if (!r) return null;
    return {
      ...toGraphRecord(r.toObject()),
      accounts: toNumber(r.get('accounts')),
      interactions: toNumber(r.get('interactions')),
      version: toNumber(r.get('version')),
    };
  }

  async deleteGraph(graphId: string): Promise<boolean> {
    const started = Date.now();
    const marked = await this.write('graph-mark-deleting', { graphId });
    if (marked.records.length === 0) return false;
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      for (const statement of this.q.statements('graph-delete')) {
        // Auto-commit: CALL { } IN TRANSACTIONS is refused inside an explicit transaction.
        await session.run(statement, { graphId, batchSize: int(this.deleteBatchSize) });
      }
    } finally {
      await session.close();
    }
    this.log.info({ graphId, ms: Date.now() - started }, 'graph deleted');
    return true;
  }

  // ---------------------------------------------------------------- ingestion

  async ingest(
    graphId: string,
    batch: { interactions: InteractionInput[]; accounts: AccountInput[] },
  ): Promise<IngestResult | null> {
    const started = Date.now();
    // Ids repeated inside the batch: the first occurrence is a candidate, the rest duplicates.
    const seen = new Set<string>();
    let batchDuplicates = 0;
    const candidates: Row[] = [];
    for (const i of batch.interactions) {
      if (i.id !== null) {
        if (seen.has(i.id)) {
          batchDuplicates++;
          continue;
        }
        seen.add(i.id);
      }
      candidates.push({
        id: i.id,
        key: i.id === null ? null : `${graphId}/${i.id}`,
        source: i.source,
        target: i.target,
        type: i.type,
        weight: i.weight,
        ts: i.timestamp === null ? null : int(i.timestamp),
      });
    }
    const keys = candidates.flatMap((r) => (r.key === null ? [] : [r.key as string]));
    const accountRows: Row[] = batch.accounts.map((a) => ({ id: a.id, properties: a.properties }));
    const now = new Date().toISOString();

    const result = await this.inWrite(async (tx) => {
      // Everything below is recomputed on each attempt (executeWrite may retry).
      const locked = await tx.run(this.q.get('ingest-lock-graph'), { graphId, now });
      if (locked.records.length === 0) return null;

      const existing = new Set<string>();
      for (const chunk of chunks(keys, this.chunkSize)) {
        const res = await tx.run(this.q.get('ingest-existing-keys'), { keys: chunk });
        for (const record of res.records) existing.add(str(record.get('key')));
      }
      const fresh = existing.size === 0 ? candidates : candidates.filter((r) => !existing.has(r.key as string));

      for (const chunk of chunks(accountRows, this.chunkSize)) {
        await tx.run(this.q.get('ingest-accounts'), { graphId, rows: chunk });
      }
      const accountIds = new Set<string>();
      for (const r of fresh) {
        accountIds.add(r.source as string);
        accountIds.add(r.target as string);
      }
      for (const chunk of chunks([...accountIds], this.chunkSize)) {
        await tx.run(this.q.get('ingest-account-ids'), { graphId, ids: chunk });
      }

      let stored = 0;
      for (const chunk of chunks(fresh, this.chunkSize)) {
        const res = await tx.run(this.q.get('ingest-interactions'), { graphId, rows: chunk });
        stored += toNumber(res.records[0]?.get('stored') ?? 0);
      }
      if (stored !== fresh.length) {
        // Cannot happen (both endpoints were merged above); refuse to commit a miscount.
        throw new Error(`store/neo4j-store: stored ${stored} of ${fresh.length} new interactions; batch rolled back`);
      }
      return { stored, duplicates: batchDuplicates + existing.size };
    });
    this.log.debug(
      {
        graphId,
        interactions: batch.interactions.length,
        accounts: batch.accounts.length,
        ...result,
        ms: Date.now() - started,
      },
      'ingested batch',
    );
    return result;
  }

  // ---------------------------------------------------------------- projection

  async graphVersion(graphId: string): Promise<number | null> {
    const r = firstRecord(await this.read('graph-exists', { graphId }));
    return r ? toNumber(r.get('version')) : null;
  }

  async project(graphId: string, params: ProjectionParams): Promise<VersionedProjection | null> {
    const started = Date.now();
    // Larger fetches: a projection streams hundreds of thousands of rows.
    const projection = await this.inRead(async (tx) => {
      // The version is read first: ingestion bumps it in the transaction that adds data,
      // so the rows read below are at least as new as this version (reads are
      // read-committed), never older.
      const exists = firstRecord(await tx.run(this.q.get('graph-exists'), { graphId }));
      if (!exists) return null;
      const version = toNumber(exists.get('version'));

      // Pairs first, accounts second: accounts are only ever added (until the graph is
      // deleted), so every endpoint of a pair read first is in the account list read after,
      // even when an ingest commits in between (Neo4j reads are read-committed). Rows go
      // straight into typed columns (no object per pair); the builder sorts them.
      const builder = new PairTableBuilder();
      const query = tx.run(this.q.get('project-pairs'), {
        graphId,
        typeWeights: params.typeWeights,
        from: params.from === null ? null : int(params.from),
        to: params.to === null ? null : int(params.to),
        minWeight: params.minWeight,
      });
      for await (const record of query) {
        builder.add({
          source: str(record.get('source')),
          target: str(record.get('target')),
          positive: toNumber(record.get('positive')),
          negative: toNumber(record.get('negative')),
          count: toNumber(record.get('count')),
          types: (record.get('types') as unknown[]).map(str),
          typeCounts: (record.get('typeCounts') as unknown[]).map(toNumber),
          firstTs: toNumberOrNull(record.get('firstTs')),
          lastTs: toNumberOrNull(record.get('lastTs')),
        });
      }

      const accounts: string[] = [];
      for await (const record of tx.run(this.q.get('project-accounts'), { graphId })) {
        accounts.push(str(record.get('id')));
      }
      return { version, table: builder.finish(accounts) };
    }, PROJECTION_FETCH_SIZE);
    if (projection) {
      this.log.debug(
        { graphId, version: projection.version, accounts: projection.table.accounts.length, pairs: projection.table.size, ms: Date.now() - started },
        'projected graph',
      );
    }
    return projection;
  }

  // ---------------------------------------------------------------- analyses

  async createAnalysis(analysis: AnalysisRecord, lease: Lease): Promise<boolean> {
    const res = await this.write('analysis-create', {
      owner: lease.owner,
      leaseUntil: lease.until === null ? null : int(lease.until),
      id: analysis.id,
      graphId: analysis.graphId,
      status: analysis.status,
      params: JSON.stringify(analysis.params),
      createdAt: analysis.createdAt,
      startedAt: analysis.startedAt,
      finishedAt: analysis.finishedAt,
      error: analysis.error,
    });
    return res.records.length > 0;
  }

  async getAnalysis(analysisId: string): Promise<AnalysisRecord | null> {
    const r = firstRecord(await this.read('analysis-get', { analysisId }));
    if (!r) return null;
    const accounts = toNumberOrNull(r.get('accounts'));
    const summary: AnalysisSummary | null =
      accounts === null
        ? null
        : {
            accounts,
            edges: toNumber(r.get('edges')),
            niches: toNumber(r.get('niches')),
            modularity: toNumber(r.get('modularity')),
            resolution: toNumber(r.get('resolutionUsed')),
            runs: toNumber(r.get('runs')),
            consensusRounds: toNumber(r.get('consensusRounds')),
            louvainDisconnected: toNumber(r.get('louvainDisconnected')),
            unassigned: toNumber(r.get('unassigned')),
            meanConfidence: toNumber(r.get('meanConfidence')),
          };
    return {
      id: str(r.get('id')),
      graphId: str(r.get('graphId')),
      status: str(r.get('status')) as AnalysisStatus,
      params: JSON.parse(str(r.get('params'))) as AnalysisParams,
      createdAt: str(r.get('createdAt')),
      startedAt: strOrNull(r.get('startedAt')),
      finishedAt: strOrNull(r.get('finishedAt')),
      error: strOrNull(r.get('error')),
      summary,
      // Present only once recorded, so records without timings read back as they were written.
      ...(r.has('timings') && r.get('timings') !== null ? { timings: JSON.parse(str(r.get('timings'))) as AnalysisTimings } : {}),
      ...(r.has('graphVersion') && r.get('graphVersion') !== null
        ? { projection: { graphVersion: toNumber(r.get('graphVersion')), cached: r.get('projectionCached') === true } }
        : {}),
    };
  }

  async claimAnalysis(analysisId: string, lease: Lease & { until: number }, queuedBy: string, startedAt: string): Promise<ClaimOutcome> {
    const r = firstRecord(await this.write('analysis-claim', {
      analysisId,
      owner: lease.owner,
      queuedBy,
      leaseUntil: int(lease.until),
      now: int(Date.now()),
      startedAt,
    }));
    if (!r) return { claimed: false, status: null, leaseUntil: null };
    if (r.get('claimed') === true) return { claimed: true };
    const leaseUntil = r.get('leaseUntil');
    return { claimed: false, status: str(r.get('status')) as AnalysisStatus, leaseUntil: leaseUntil === null ? null : toNumber(leaseUntil) };
  }

  async renewLeases(analysisIds: string[], owner: string, until: number): Promise<string[]> {
    if (analysisIds.length === 0) return [];
    const res = await this.write('analysis-renew-leases', { ids: analysisIds, owner, leaseUntil: int(until) });
    return res.records.map((r) => str(r.get('id')));
  }

  async markFailed(analysisId: string, error: string, finishedAt: string, owner: string): Promise<boolean> {
    return (await this.write('analysis-mark-failed', { analysisId, error, finishedAt, owner })).records.length > 0;
  }

  async failUnheld(analysisId: string, error: string, finishedAt: string, now: number, orphanOf: string | null = null): Promise<boolean> {
    const res = await this.write('analysis-fail-unheld', { analysisId, error, finishedAt, now: int(now), orphanOf });
    return res.records.length > 0;
  }

  async recordProjection(analysisId: string, projection: ProjectionInfo, owner: string): Promise<void> {
    await this.write('analysis-projection', { analysisId, owner, graphVersion: int(projection.graphVersion), cached: projection.cached });
  }

  async recordTimings(analysisId: string, timings: AnalysisTimings, owner: string): Promise<void> {
    await this.write('analysis-timings', { analysisId, owner, timings: JSON.stringify(timings) });
  }

  async reclaimExpired(reason: string, finishedAt: string, now: number): Promise<number> {
    const r = firstRecord(await this.write('analysis-reclaim-expired', { error: reason, finishedAt, now: int(now) }));
    return r ? toNumber(r.get('failed')) : 0;
  }

  async reapCandidates(queueOwner: string, before: string, now: number, limit: number): Promise<string[]> {
    const res = await this.read('analysis-reap-candidates', { queueOwner, before, now: int(now), limit: int(limit) });
    return res.records.map((r) => str(r.get('id')));
  }

  /** Why a result could not begin: the analysis is gone (StoreNotFoundError) or not held (LeaseLostError). */
  private async notHeld(tx: ManagedTransaction, analysisId: string): Promise<Error> {
    const found = await tx.run(this.q.get('analysis-get'), { analysisId });
    return found.records.length === 0 ? new StoreNotFoundError('analysis', analysisId) : new LeaseLostError(analysisId);
  }

  async countAnalysesByStatus(): Promise<Partial<Record<AnalysisStatus, number>>> {
    const res = await this.read('analysis-count-by-status');
    const out: Partial<Record<AnalysisStatus, number>> = {};
    for (const r of res.records) out[str(r.get('status')) as AnalysisStatus] = toNumber(r.get('count'));
    return out;
  }

  async writeResult(analysisId: string, result: AnalysisResult, finishedAt: string, owner: string): Promise<void> {
    const started = Date.now();
    const nicheRows: Row[] = result.niches.map((n, rank) => ({
      id: n.id,
      rank: int(rank),
      size: int(n.size),
      density: n.density,
      conductance: n.conductance,
      trustedIds: n.trusted.map((t) => t.accountId),
      trustedScores: n.trusted.map((t) => t.score),
      unassigned: n.unassigned,
      stability: n.stability,
      reciprocity: n.reciprocity,
      events: int(n.events),
      firstActivity: n.firstActivity,
      lastActivity: n.lastActivity,
      eventsPerDay: n.eventsPerDay,
      typeNames: n.dominantTypes.map((d) => d.type),
      typeShares: n.dominantTypes.map((d) => d.share),
      bridgeIds: n.bridges.map((b) => b.accountId),
      bridgeParticipation: n.bridges.map((b) => b.participation),
      bridgeTo: n.bridges.map((b) => b.toNiches.join(',')),
    }));
    const { summary } = result;
    const members = result.niches.reduce((n, niche) => n + niche.members.length, 0);
    if (members > this.resultTransactionRows) {
      await this.writeLargeResult(analysisId, result, finishedAt, nicheRows, owner);
      this.log.debug({ analysisId, niches: result.niches.length, members, ms: Date.now() - started }, 'wrote analysis result');
      return;
    }
    await this.inWrite(async (tx) => {
      const begun = await tx.run(this.q.get('result-begin'), { ...resultBeginParams(analysisId, finishedAt, summary), owner });
      const graphId = begun.records[0]?.get('graphId') as string | undefined;
      if (graphId === undefined) throw await this.notHeld(tx, analysisId);
      await tx.run(this.q.get('result-clear'), { analysisId });
      for (const chunk of chunks(nicheRows, this.chunkSize)) {
        await tx.run(this.q.get('result-niches'), { analysisId, graphId, rows: chunk });
      }
      for (const chunk of memberChunks(result, this.resultChunkSize)) {
        await this.writeMembers(tx, analysisId, graphId, chunk);
      }
    });
    this.log.debug({ analysisId, niches: result.niches.length, ms: Date.now() - started }, 'wrote analysis result');
  }

  /**
   * writeResult for large results, in several transactions: (1) drop a previous write and
   * create the niches, (2) memberships in transactions of resultChunkSize rows, resultConcurrency
   * of them at a time on separate sessions, (3) mark the analysis succeeded with its
   * summary. Until (3) commits the analysis is not succeeded, so the result routes (which
   * need succeeded) never show a partial result; a write cut off before (3) leaves
   * niches/memberships of an analysis that is then marked failed, removed with its graph or
   * by the next writeResult of that analysis. A failed chunk stops the others from starting;
   * the error is thrown once those already running have finished.
   *
   * Concurrent chunks never wait on each other in a cycle: every account is in one chunk
   * only, chunks are cut at niche boundaries unless a niche alone exceeds resultChunkSize, and a
   * chunk takes its niches in ascending rank, so the only node two chunks share is a
   * niche split over consecutive chunks (one waits for the other's commit while that niche
   * is not yet dense); should Neo4j still report a deadlock, that is a transient error and
   * the driver retries the chunk. A retried chunk transaction first checks whether its first
   * membership is stored (result-members-written): a chunk commits whole, so a retry after
   * a commit whose answer was lost writes nothing twice.
   */
  private async writeLargeResult(analysisId: string, result: AnalysisResult, finishedAt: string, nicheRows: Row[], owner: string): Promise<void> {
    const { summary } = result;
    const graphId = await this.inWrite(async (tx) => {
      const found = await tx.run(this.q.get('result-graph'), { analysisId, owner });
      const id = found.records[0]?.get('graphId') as string | undefined;
      if (id === undefined) throw await this.notHeld(tx, analysisId);
      await tx.run(this.q.get('result-clear'), { analysisId });
      for (const chunk of chunks(nicheRows, this.chunkSize)) {
        await tx.run(this.q.get('result-niches'), { analysisId, graphId: id, rows: chunk });
      }
      return id;
    });
    const pending = memberChunks(result, this.resultChunkSize);
    let failure: { error: unknown } | null = null;
    const worker = async () => {
      for (let next = pending.next(); !next.done && failure === null; next = pending.next()) {
        const chunk = next.value;
        try {
          await this.inWrite(async (tx) => {
            const written = await tx.run(this.q.get('result-members-written'), {
              analysisId,
              graphId,
              nicheId: chunk.firstNicheId,
              accountId: chunk.firstAccountId,
            });
            if (toNumber(written.records[0]?.get('written') ?? 0) > 0) return;
            await this.writeMembers(tx, analysisId, graphId, chunk);
          });
        } catch (error) {
          failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: this.resultConcurrency }, worker));
    if (failure !== null) throw (failure as { error: unknown }).error;
    await this.inWrite(async (tx) => {
      const begun = await tx.run(this.q.get('result-begin'), { ...resultBeginParams(analysisId, finishedAt, summary), owner });
      if (begun.records.length === 0) throw await this.notHeld(tx, analysisId);
    });
  }

  /** One chunk of memberships; throws (rolling the transaction back) when an account is missing. */
  private async writeMembers(tx: ManagedTransaction, analysisId: string, graphId: string, chunk: MemberChunk): Promise<void> {
    const res = await tx.run(this.q.get('result-members'), { analysisId, graphId, ...chunk.params });
    const stored = toNumber(res.records[0]?.get('members') ?? 0);
    if (stored !== chunk.size) {
      throw new Error(`store/neo4j-store: stored ${stored} of ${chunk.size} memberships (accounts missing from graph '${graphId}'); write rolled back`);
    }
  }

  // ---------------------------------------------------------------- results

  async listNiches(analysisId: string, page: { limit: number; offset: number }): Promise<Page<NicheRow>> {
    const r = firstRecord(
      await this.read('niches-page', { analysisId, offset: int(page.offset), limit: int(page.limit) }),
    );
    if (!r) return { total: 0, items: [] };
    return {
      total: toNumber(r.get('total')),
      items: (r.get('items') as Row[]).map((n) => {
        const ids = (n.trustedIds ?? []) as unknown[];
        const scores = (n.trustedScores ?? []) as unknown[];
        return {
          id: str(n.id),
          size: toNumber(n.size),
          density: toNumber(n.density),
          conductance: toNumber(n.conductance),
          trusted: ids.map((id, i) => ({ accountId: str(id), score: toNumber(scores[i]) })),
          unassigned: n.unassigned === true,
          stability: toNumber(n.stability),
          reciprocity: toNumber(n.reciprocity),
          events: toNumber(n.events),
          firstActivity: strOrNull(n.firstActivity),
          lastActivity: strOrNull(n.lastActivity),
          eventsPerDay: toNumber(n.eventsPerDay),
          dominantTypes: ((n.typeNames ?? []) as unknown[]).map((type, i) => ({
            type: str(type),
            share: toNumber(((n.typeShares ?? []) as unknown[])[i]),
          })),
          bridges: ((n.bridgeIds ?? []) as unknown[]).map((id, i) => {
            const to = str(((n.bridgeTo ?? []) as unknown[])[i]);
            return {
              accountId: str(id),
              participation: toNumber(((n.bridgeParticipation ?? []) as unknown[])[i]),
              toNiches: to === '' ? [] : to.split(','),
            };
          }),
        };
      }),
    };
  }

  async listMembers(
    analysisId: string,
    nicheId: string,
    page: { limit: number; offset: number },
  ): Promise<Page<MemberRow> | null> {
    const r = firstRecord(
      await this.read('members-page', { analysisId, nicheId, offset: int(page.offset), limit: int(page.limit) }),
    );
    if (!r) return null;
    return {
      total: toNumber(r.get('total')),
      items: (r.get('items') as Row[]).map(toMemberRow),
    };
  }

  async getAccountResult(analysisId: string, accountId: string): Promise<AccountResultRow | null> {
    const r = firstRecord(await this.read('account-result', { analysisId, accountId }));
    if (!r) return null;
    return {
      accountId: str(r.get('accountId')),
      nicheId: str(r.get('nicheId')),
      nicheSize: toNumber(r.get('nicheSize')),
      unassigned: r.get('unassigned') === true,
      member: toMemberRow(r.get('member') as Row),
    };
  }
}

/** One chunk of memberships as result-members takes it (column-wise, see that file). */
interface MemberChunk {
  size: number;
  firstNicheId: string;
  firstAccountId: string;
  params: Row;
}

/**
 * The memberships in chunks of at most `size`, niche by niche in rank order; a chunk
 * ends before a niche that would not fit, unless that niche alone exceeds `size` (it is
 * then split over consecutive chunks).
 */
function* memberChunks(result: AnalysisResult, size: number): Generator<MemberChunk> {
  let chunk = new MemberChunkBuilder();
  for (const niche of result.niches) {
    const count = niche.members.length;
    if (chunk.size > 0 && chunk.size + count > size) {
      yield chunk.build();
      chunk = new MemberChunkBuilder();
    }
    for (let from = 0; from < count; ) {
      const take = Math.min(count - from, size - chunk.size);
      chunk.add(niche, from, take);
      from += take;
      if (chunk.size >= size) {
        yield chunk.build();
        chunk = new MemberChunkBuilder();
      }
    }
  }
  if (chunk.size > 0) yield chunk.build();
}

class MemberChunkBuilder {
  size = 0;
  private readonly segments: Row[] = [];
  private readonly accountIds: string[] = [];
  private readonly numbers = {
    scores: [] as number[],
    pageranks: [] as number[],
    globalPageranks: [] as number[],
    inStrengths: [] as number[],
    outStrengths: [] as number[],
    negativeInStrengths: [] as number[],
    weightedDegrees: [] as number[],
    internalShares: [] as number[],
    centralities: [] as number[],
    ties: [] as number[],
    positiveShares: [] as number[],
    reciprocities: [] as number[],
    repeats: [] as number[],
    embeddednesses: [] as number[],
    withinDegreeZs: [] as number[],
    participations: [] as number[],
    confidences: [] as number[],
  };
  private readonly roles: string[] = [];
  private readonly tieIds: string[][] = [];
  private readonly tieWeights: number[][] = [];
  private readonly tieOverlaps: number[][] = [];
  private readonly tieSameNiche: boolean[][] = [];
  private readonly centralityNames: Array<string[] | null> = [];
  private readonly centralityValues: Array<number[] | null> = [];
  private firstNicheId = '';

  /** Members from .. from + take - 1 of `niche`. */
  add(niche: AnalysisResult['niches'][number], from: number, take: number): void {
    if (this.size === 0) this.firstNicheId = niche.id;
    this.segments.push({ nicheId: niche.id, from: int(this.size), to: int(this.size + take), rank: int(from) });
    const n = this.numbers;
    for (let rank = from; rank < from + take; rank++) {
      const m = niche.members[rank]!;
      this.accountIds.push(m.accountId);
      n.scores.push(m.score);
      n.pageranks.push(m.pagerank);
      n.globalPageranks.push(m.globalPagerank);
      n.inStrengths.push(m.inStrength);
      n.outStrengths.push(m.outStrength);
      n.negativeInStrengths.push(m.negativeInStrength);
      n.weightedDegrees.push(m.weightedDegree);
      n.internalShares.push(m.internalShare);
      n.centralities.push(m.centrality);
      n.ties.push(m.ties);
      n.positiveShares.push(m.positiveShare);
      n.reciprocities.push(m.reciprocity);
      n.repeats.push(m.repeat);
      n.embeddednesses.push(m.embeddedness);
      n.withinDegreeZs.push(m.withinDegreeZ);
      n.participations.push(m.participation);
      n.confidences.push(m.confidence);
      this.roles.push(m.role);
      this.tieIds.push(m.topTies.map((t) => t.accountId));
      this.tieWeights.push(m.topTies.map((t) => t.weight));
      this.tieOverlaps.push(m.topTies.map((t) => t.overlap));
      this.tieSameNiche.push(m.topTies.map((t) => t.sameNiche));
      // Extra centralities as two parallel lists (a relationship property cannot be a map);
      // none asked: no property at all (an empty list would still take store records).
      const names = Object.keys(m.centralities ?? {});
      this.centralityNames.push(names.length === 0 ? null : names);
      this.centralityValues.push(names.length === 0 ? null : Object.values(m.centralities ?? {}));
    }
    this.size += take;
  }

  build(): MemberChunk {
    return {
      size: this.size,
      firstNicheId: this.firstNicheId,
      firstAccountId: this.accountIds[0]!,
      params: {
        segments: this.segments,
        accountIds: this.accountIds,
        ...this.numbers,
        roles: this.roles,
        tieIds: this.tieIds,
        tieWeights: this.tieWeights,
        tieOverlaps: this.tieOverlaps,
        tieSameNiche: this.tieSameNiche,
        centralityNames: this.centralityNames,
        centralityValues: this.centralityValues,
      },
    };
  }
}

/** Parameters of result-begin: the analysis becomes succeeded with its summary. */
function resultBeginParams(analysisId: string, finishedAt: string, summary: AnalysisResult['summary']): Row {
  return {
    analysisId,
    finishedAt,
    accounts: int(summary.accounts),
    edges: int(summary.edges),
    niches: int(summary.niches),
    modularity: summary.modularity,
    resolution: summary.resolution,
    runs: int(summary.runs),
    consensusRounds: int(summary.consensusRounds),
    louvainDisconnected: int(summary.louvainDisconnected),
    unassigned: int(summary.unassigned),
    meanConfidence: summary.meanConfidence,
  };
}

function toGraphRecord(row: Row): GraphRecord {
  return {
    id: str(row.id),
    name: str(row.name),
    description: strOrNull(row.description),
    createdAt: str(row.createdAt),
  };
}

function toMemberRow(row: Row): MemberRow {
  return {
    accountId: str(row.accountId),
    rank: toNumber(row.rank),
    score: toNumber(row.score),
    pagerank: toNumber(row.pagerank),
    globalPagerank: toNumber(row.globalPagerank),
    inStrength: toNumber(row.inStrength),
    outStrength: toNumber(row.outStrength),
    negativeInStrength: toNumber(row.negativeInStrength),
    weightedDegree: toNumber(row.weightedDegree),
    internalShare: toNumber(row.internalShare),
    centrality: toNumber(row.centrality),
    ties: toNumber(row.ties),
    positiveShare: toNumber(row.positiveShare),
    reciprocity: toNumber(row.reciprocity),
    repeat: toNumber(row.repeat),
    embeddedness: toNumber(row.embeddedness),
    withinDegreeZ: toNumber(row.withinDegreeZ),
    participation: toNumber(row.participation),
    role: str(row.role) as MemberRow['role'],
    confidence: toNumber(row.confidence),
    topTies: ((row.tieIds ?? []) as unknown[]).map((id, i) => ({
      accountId: str(id),
      weight: toNumber(((row.tieWeights ?? []) as unknown[])[i]),
      overlap: toNumber(((row.tieOverlaps ?? []) as unknown[])[i]),
      sameNiche: ((row.tieSameNiche ?? []) as unknown[])[i] === true,
    })),
    ...centralitiesOf(row),
  };
}

/** The extra centralities stored as parallel lists, back as a map; nothing when none was asked. */
function centralitiesOf(row: Row): { centralities?: Record<string, number> } {
  const names = (row.centralityNames ?? []) as unknown[];
  if (names.length === 0) return {};
  const values = (row.centralityValues ?? []) as unknown[];
  return { centralities: Object.fromEntries(names.map((name, i) => [str(name), toNumber(values[i])])) };
}

function errorCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

function isConstraintViolation(err: unknown): boolean {
  return errorCode(err) === CONSTRAINT_FAILED;
}
