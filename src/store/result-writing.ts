/**
 * Result writing: the compact durable form of a columnar AnalysisResult, staged, then the
 * analysis marked succeeded (cypher/result-*.cypher).
 *
 * What is written (see result-blocks.ts for the bytes):
 *   (:ResultBlock {analysisId, graphId, kind, seq, count, firstId?, ids?, tieIds?,
 *                  centralityNames?, data})   members / index / ties blocks
 *   (:Niche {... figures ..., memberIds, memberStart, tieStart, tieCount})-[:OF_ANALYSIS]->(:Analysis)
 *      one per niche row, the unassigned group included: what Neo4j Browser users read
 *      (memberIds in rank order: `$id IN n.memberIds` finds an account's niche; the
 *      unassigned group's node has no memberIds: its accounts are in no niche);
 *   (:Community {analysisId, graphId, id, rank, size, density, conductance, nicheIds,
 *                niches, unassigned})-[:OF_ANALYSIS]->(:Analysis)
 *      one per community (modularity at resolution 1) that holds at least one niche, "c" +
 *      rank, largest first; a community made only of unassigned accounts (most of them on a
 *      sparse graph: 13k of 13.4k on higgs-retweet) is a row of the communities blocks
 *      instead, where the communities route reads it (a node each cost about 0.5 ms to write);
 *   (:Niche)-[:IN_COMMUNITY]->(:Community)   each niche to the community it lies in (written
 *      with the niche: the communities go first);
 *   (:Niche)-[:CONTINUES {jaccard, event, keepsId}]->(:Niche) of the baseline analysis, one per
 *      related baseline niche, when the result has lineage (written with its niche rows);
 *   (:Account)-[:IN_NICHE {analysisId, rank, score, centrality, ties, positiveShare, role,
 *                          confidence}]->(:Niche)
 *      with writeBack 'compact' (the default) only for the members Browser users look at:
 *      each niche's first three trusted members and its bridges (BROWSER_TRUSTED_LINKS),
 *      with the figures they read there
 *      (result-members-key); with 'full' for every member and with every figure (the data
 *      model before issue 10, one relationship per account: Neo4j's write rate caps it at
 *      about 20k/s here, see bench/README.md "Persistence").
 *
 * Staged, then committed at once: blocks, niches, communities and memberships are written in
 * transactions of bounded size (two at a time on separate sessions), while the analysis
 * is still queued/running; nothing reads them until the last transaction marks it
 * succeeded (every results route needs succeeded, and every explore.cypher query filters
 * on it). If any step fails, `discard` removes every staged row of the analysis before the
 * error is thrown; a process killed half-way leaves rows that go with the analysis when it
 * is failed (markFailed, failUnheld: result-discard), when another runner takes it over
 * (its write begins with a discard), or at the next boot once its lease has expired
 * (reclaimExpired: result-sweep, which never touches an analysis a live lease holds). The last transaction
 * only succeeds an analysis that its writer still holds (below) and whose staged blocks and
 * niches are all there (nothing swept them). Writing an analysis again first removes what an
 * earlier write left.
 *
 * The lease guard (src/store/port.ts Lease): the writer names its `owner`. The first
 * statement (result-graph) and every staging transaction begin by checking that the owner
 * still holds the analysis (running, or succeeded by it), so a writer that was cancelled,
 * reclaimed or taken over stages nothing more; the blocks, niches and communities carry their `writer`,
 * and the last transaction (result-begin) succeeds the analysis only while the owner holds it
 * and only when every staged block, niche and community is there and is the owner's own (a transaction
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
import { memberScore } from '../analysis/result-view.js';
import type { AnalysisResult, MemberScore } from '../analysis/types.js';
import type { Neo4jContext } from './neo4j-context.js';
import { int, toNumber, type Row } from './neo4j-values.js';
import { LeaseLostError, StoreNotFoundError, type AnalysisTimings } from './port.js';
import { communityBlocks, nichelessCommunities, resultBlocks, type BlockRow } from './result-blocks.js';
import { catalogueRows, encodeCatalogue, type CatalogueRows } from './result-catalogue.js';

export type WriteBack = 'compact' | 'full';

export interface WriteResultOptions {
  /** Which memberships become IN_NICHE relationships; default the store's. */
  writeBack?: WriteBack;
  /** The analysis' timings, asked for just before the last transaction, which stores them with the status. */
  timings?: () => AnalysisTimings;
}

export interface ResultWritingOptions {
  /**
   * Rows per UNWIND and per transaction: memberships, and at most as many niche and
   * community rows (a transaction's state lives in the server's heap until it commits, and
   * bench/README.md "Persistence" found 1,000-row transactions cheapest for memberships).
   */
  resultChunkSize: number;
  /** Transactions of one write running at a time, each on its own session. */
  resultConcurrency: number;
  /** Block bytes per transaction (a transaction's state lives in the server's heap until it commits). */
  blockBytesPerTransaction: number;
  /** Niche members (their ids go in the niche's memberIds list) per transaction. */
  nicheMembersPerTransaction: number;
  /** Which memberships become IN_NICHE relationships (module comment). */
  writeBack: WriteBack;
}

/**
 * With writeBack 'compact', each niche's IN_NICHE relationships go to its first
 * BROWSER_TRUSTED_LINKS trusted members (rank order) and to every bridge. Three: the size of
 * the smallest niche at the default minNicheSize, so every niche gets the same handful of
 * links whatever its size, and what explore.cypher query 5 already lists per niche
 * (`trustedIds[..3]`). With niches of Dunbar's size and topK 10, linking every trusted
 * member linked a quarter of all accounts (62,948 relationships on higgs-retweet, against
 * 29,871 this way), and relationships are what Neo4j writes slowest (bench/README.md
 * "Persistence"). Every trusted member stays on the niche node (trustedIds, trustedScores),
 * every member in memberIds, every figure in the blocks and the API.
 */
export const BROWSER_TRUSTED_LINKS = 3;

/** The columns result-members-key reads (writeBack 'compact'). */
const KEY_MEMBER_COLUMNS = ['segments', 'accountIds', 'ranks', 'scores', 'centralities', 'ties', 'positiveShares', 'roles', 'confidences'] as const;

export class Neo4jResultWriter {
  constructor(
    private readonly ctx: Neo4jContext,
    private readonly options: ResultWritingOptions,
  ) {}

  async writeResult(analysisId: string, result: AnalysisResult, finishedAt: string, owner: string, options: WriteResultOptions = {}): Promise<void> {
    const writeBack = options.writeBack ?? this.options.writeBack;
    const started = Date.now();
    const graphId = await this.ctx.inWrite((tx) => this.held(tx, analysisId, owner));
    // An earlier write of the same analysis (a retried job, a run taken over from a dead
    // runner) is replaced, never doubled.
    await this.discard(analysisId, false, owner);
    const counts = { blocks: 0, blockBytes: 0, niches: result.niches.count, memberships: 0 };
    const ms: Record<string, number> = {};
    const phase = (name: string, since: number) => {
      ms[name] = Date.now() - since;
      // One line per phase as it ends (bench/persist.ts reads the server's CPU at each).
      this.ctx.log.debug({ analysisId, phase: name, ms: ms[name] }, 'result write phase');
    };
    // The first failure of any staging transaction; every loop stops starting new ones.
    const stop: Failure = {};
    const catalogue = catalogueRows(result);
    try {
      // The blocks, then the communities, then the niches (each links itself to its
      // community), then the memberships (Account to Niche). Rows are built lazily, each batch just before its
      // transaction. Writing the blocks beside the niches (they lock nothing in common) made
      // both slower on 2 cores (bench/README.md "Persistence", shift 5): one chain.
      let since = Date.now();
      await this.runConcurrently(
        map(blockBatches(result, catalogue, this.options.blockBytesPerTransaction), (batch) => {
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
      since = Date.now();
      // Communities before the niches, which link themselves to theirs (IN_COMMUNITY). One
      // transaction at a time: each locks the Analysis node through OF_ANALYSIS.
      await this.runConcurrently(
        map(communityBatches(catalogue, this.options.nicheMembersPerTransaction, this.options.resultChunkSize), (rows) => () =>
          this.ctx.inWrite(async (tx) => {
            await this.held(tx, analysisId, owner);
            if (await this.written(tx, analysisId, owner, null, rows[0]?.id as string)) return;
            const res = await tx.run(this.ctx.q.get('result-communities'), { analysisId, graphId, owner, rows });
            const stored = toNumber(res.records[0]?.get('communities') ?? 0);
            if (stored !== rows.length) throw new Error(`store/result-writing: stored ${stored} of ${rows.length} community rows of analysis '${analysisId}'; write rolled back`);
          }),
        ),
        1,
        stop,
      );
      phase('communities', since);
      since = Date.now();
      // Niches one transaction at a time (the Analysis node again), in rank order.
      await this.runConcurrently(
        map(nicheBatches(result, catalogue, this.options.nicheMembersPerTransaction, this.options.resultChunkSize), (rows) => () =>
          this.ctx.inWrite(async (tx) => {
            await this.held(tx, analysisId, owner);
            if (await this.written(tx, analysisId, owner, rows[0]?.id as string, null)) return;
            const res = await tx.run(this.ctx.q.get('result-niches'), { analysisId, graphId, owner, rows });
            const stored = toNumber(res.records[0]?.get('niches') ?? 0);
            const linked = toNumber(res.records[0]?.get('linked') ?? 0);
            const inCommunities = rows.filter((r) => r.communityId !== null).length;
            if (stored !== rows.length || linked !== inCommunities) {
              throw new Error(`store/result-writing: stored ${stored} of ${rows.length} niche rows of analysis '${analysisId}' and linked ${linked} of ${inCommunities} to their community; write rolled back`);
            }
            if (result.lineage !== undefined) await tx.run(this.ctx.q.get('result-lineage'), { analysisId, baselineAnalysisId: result.lineage.baselineAnalysisId, rows });
          }),
        ),
        1,
        stop,
      );
      phase('niches', since);
      since = Date.now();
      await this.runConcurrently(
        map(membershipChunks(result, writeBack, this.options.resultChunkSize), (chunk) => {
          counts.memberships += chunk.size;
          return () =>
            this.ctx.inWrite(async (tx) => {
              await this.held(tx, analysisId, owner);
              await this.writeMembers(tx, analysisId, graphId, chunk, writeBack);
            });
        }),
        this.options.resultConcurrency,
        stop,
      );
      phase('memberships', since);
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
          nicheRows: int(result.niches.count),
          communityRows: int(result.communities.count - nichelessCommunities(result).length),
        });
        const status = begun.records[0]?.get('status') as string | undefined;
        if (status === undefined) throw new StoreNotFoundError('analysis', analysisId);
        if (status === 'lost') throw new LeaseLostError(analysisId);
        if (status === 'incomplete') throw new Error(`store/result-writing: rows staged for analysis '${analysisId}' went missing or were overwritten by a writer that lost its lease: its result is not stored`);
        if (status !== 'succeeded') throw new Error(`store/result-writing: analysis '${analysisId}' is ${status}: its result is not stored`);
      });
      phase('status', since);
    } catch (err) {
      // Guarded: if the lease changed hands, what is staged now is the next holder's.
      await this.discard(analysisId, false, owner).catch(() => {});
      throw err;
    }
    this.ctx.log.debug({ analysisId, writeBack, ...counts, phases: ms, ms: Date.now() - started }, 'wrote analysis result');
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

  /** Whether the batch whose first row is this niche or community was committed by `owner` already (a retried transaction). */
  private async written(tx: ManagedTransaction, analysisId: string, owner: string, nicheId: string | null, communityId: string | null): Promise<boolean> {
    const res = await tx.run(this.ctx.q.get('result-rows-written'), { analysisId, owner, nicheId, communityId });
    return res.records[0]?.get('written') === true;
  }

  /**
   * Runs the thunks `concurrency` at a time, taking each from `work` only when a slot is
   * free (so rows are built just before their transaction). The first failure, of a thunk
   * or of building one, goes in `stop`, which ends every loop sharing it: none starts a new
   * transaction, and this returns once its running ones ended.
   */
  private async runConcurrently(work: Iterable<() => Promise<void>>, concurrency: number, stop: Failure): Promise<void> {
    const thunks = work[Symbol.iterator]();
    const worker = async () => {
      while (stop.failure === undefined) {
        try {
          const next = thunks.next();
          if (next.done) return;
          await next.value();
        } catch (error) {
          stop.failure ??= { error };
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** One chunk of memberships; throws (rolling the transaction back) when an account is missing. */
  private async writeMembers(tx: ManagedTransaction, analysisId: string, graphId: string, chunk: MemberChunk, writeBack: WriteBack): Promise<void> {
    const written = await tx.run(this.ctx.q.get('result-members-written'), { analysisId, graphId, nicheId: chunk.firstNicheId, accountId: chunk.firstAccountId });
    if (toNumber(written.records[0]?.get('written') ?? 0) > 0) return;
    const params = writeBack === 'full' ? chunk.params : Object.fromEntries(KEY_MEMBER_COLUMNS.map((k) => [k, chunk.params[k]]));
    const statement = writeBack === 'full' ? this.ctx.q.get('result-members') : this.ctx.q.get('result-members-key');
    const res = await tx.run(statement, { analysisId, graphId, ...params });
    const stored = toNumber(res.records[0]?.get('members') ?? 0);
    if (stored !== chunk.size) {
      throw new Error(`store/result-writing: stored ${stored} of ${chunk.size} memberships (accounts missing from graph '${graphId}'); write rolled back`);
    }
  }
}

/** The first failure of a write's staging transactions (shared by its loops). */
interface Failure {
  failure?: { error: unknown };
}

/** The items of each iterable in turn, lazily. */
function* chain<T>(...lists: Array<Iterable<T>>): Generator<T> {
  for (const list of lists) yield* list;
}

/** `f` of each item, lazily. */
function* map<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/** Blocks in groups of about `bytes` (at least one block a group). */
function* blockBatches(result: AnalysisResult, catalogue: CatalogueRows, bytes: number): Generator<Row[]> {
  let batch: Row[] = [];
  let size = 0;
  for (const block of chain(resultBlocks(result), communityBlocks(result), [catalogueBlock(catalogue)])) {
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
}

/** The catalogue block (result-catalogue.ts): seq 0, count the niche rows. */
function catalogueBlock(catalogue: CatalogueRows): BlockRow {
  return { kind: 'catalogue', seq: 0, count: catalogue.niches.length, firstId: null, ids: null, tieIds: null, centralityNames: null, data: encodeCatalogue(catalogue) };
}

function blockRow(b: BlockRow): Row {
  return { kind: b.kind, seq: int(b.seq), count: int(b.count), firstId: b.firstId, ids: b.ids, tieIds: b.tieIds, centralityNames: b.centralityNames, data: b.data };
}

/**
 * Niche rows (result-niches): the catalogue's rows (result-catalogue.ts) with their member
 * lists, in groups holding about `members` member ids and at most `rows` rows.
 */
function* nicheBatches(result: AnalysisResult, catalogue: CatalogueRows, members: number, rows: number): Generator<Row[]> {
  const n = result.niches;
  const a = result.accounts;
  let batch: Row[] = [];
  let held = 0;
  for (const niche of catalogue.niches) {
    const r = niche.rank;
    const from = n.memberStarts[r] as number;
    const to = n.memberStarts[r + 1] as number;
    const listed = r === n.unassignedRow ? 0 : to - from;
    if (batch.length > 0 && (held + listed > members || batch.length >= rows)) {
      yield batch;
      batch = [];
      held = 0;
    }
    // The unassigned group has no member list: it is not a niche, and its list (117k ids of
    // 256k on higgs-retweet, in one property) cost about a third of the niche rows' server
    // CPU (bench/README.md "Persistence, shift 6"); its members are in the blocks.
    let memberIds: string[] | null = null;
    if (r !== n.unassignedRow) {
      memberIds = new Array<string>(to - from);
      for (let p = from; p < to; p++) memberIds[p - from] = a.ids[n.members[p] as number] as string;
    }
    batch.push({
      ...niche,
      rank: int(niche.rank),
      size: int(niche.size),
      events: int(niche.events),
      memberStart: int(niche.memberStart),
      tieStart: int(niche.tieStart),
      tieCount: int(niche.tieCount),
      redacted: null,
      memberIds,
    });
    held += listed;
  }
  if (batch.length > 0) yield batch;
}

/** Community rows (result-communities): the catalogue's, in groups naming about `niches` niche ids, at most `rows` rows. */
function* communityBatches(catalogue: CatalogueRows, niches: number, rows: number): Generator<Row[]> {
  let batch: Row[] = [];
  let held = 0;
  for (const c of catalogue.communities) {
    if (batch.length > 0 && (held + c.nicheIds.length + 1 > niches || batch.length >= rows)) {
      yield batch;
      batch = [];
      held = 0;
    }
    batch.push({ ...c, rank: int(c.rank), size: int(c.size), unassigned: int(c.unassigned), redacted: null });
    held += c.nicheIds.length + 1;
  }
  if (batch.length > 0) yield batch;
}

/** One chunk of memberships as result-members takes it (column-wise, see that file). */
interface MemberChunk {
  size: number;
  firstNicheId: string;
  firstAccountId: string;
  params: Row;
}

/**
 * The IN_NICHE memberships to write, niche by niche in rank order, in chunks of at most
 * `size`: 'full' every member; 'compact' the first BROWSER_TRUSTED_LINKS trusted members
 * and the bridges of each niche.
 */
function* membershipChunks(result: AnalysisResult, writeBack: WriteBack, size: number): Generator<MemberChunk> {
  const n = result.niches;
  const a = result.accounts;
  let chunk = new MemberChunkBuilder();
  for (let r = 0; r < n.count; r++) {
    const from = n.memberStarts[r] as number;
    const to = n.memberStarts[r + 1] as number;
    let wanted: Iterable<number>;
    if (writeBack === 'full') {
      wanted = n.members.subarray(from, to);
    } else {
      // Trusted members are a prefix of the non-broadcasters in rank order (the first
      // BROWSER_TRUSTED_LINKS of them); bridges are hubs anywhere in the niche: both come
      // out in rank order here.
      const trustedFrom = n.trusted.starts[r] as number;
      const trustedTo = Math.min(n.trusted.starts[r + 1] as number, trustedFrom + BROWSER_TRUSTED_LINKS);
      const picked = new Set<number>(n.trusted.account.subarray(trustedFrom, trustedTo));
      for (const i of n.bridges.account.subarray(n.bridges.starts[r] as number, n.bridges.starts[r + 1] as number)) picked.add(i);
      wanted = [...picked].sort((x, y) => (a.rank[x] as number) - (a.rank[y] as number));
    }
    for (const i of wanted) {
      chunk.add(n.ids[r] as string, a.rank[i] as number, memberScore(result, i));
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
  private readonly ranks: number[] = [];
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
  private lastNiche: string | null = null;

  add(nicheId: string, rank: number, m: MemberScore): void {
    if (nicheId !== this.lastNiche) {
      const last = this.segments[this.segments.length - 1];
      if (last) last.to = int(this.size);
      this.segments.push({ nicheId, from: int(this.size), to: int(this.size + 1) });
      this.lastNiche = nicheId;
    }
    (this.segments[this.segments.length - 1] as Row).to = int(this.size + 1);
    const n = this.numbers;
    this.accountIds.push(m.accountId);
    this.ranks.push(rank);
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
    // A relationship property cannot be a map: two parallel lists, none when none was asked.
    const names = Object.keys(m.centralities ?? {});
    this.centralityNames.push(names.length === 0 ? null : names);
    this.centralityValues.push(names.length === 0 ? null : Object.values(m.centralities ?? {}));
    this.size++;
  }

  build(): MemberChunk {
    return {
      size: this.size,
      firstNicheId: (this.segments[0] as Row).nicheId as string,
      firstAccountId: this.accountIds[0] as string,
      params: {
        segments: this.segments,
        accountIds: this.accountIds,
        ranks: this.ranks.map((r) => int(r)),
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
