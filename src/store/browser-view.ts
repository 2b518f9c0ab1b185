/**
 * The Browser view of a succeeded analysis: the (:Niche) and (:Community) nodes, IN_COMMUNITY,
 * CONTINUES and IN_NICHE that Neo4j Browser users read (cypher/explore.cypher), materialized
 * from the compact form (the catalogue and members / index blocks, result-writing.ts) after
 * the analysis says succeeded (README "Write-back"); the worker's first materialization takes
 * the same rows from the result it has just written, still in memory (browser-view-source.ts).
 *
 * The compact form is the system of record: every results route and export reads it, and it
 * is durable before `succeeded`. The Browser view is derived from it and only shown once
 * complete: the Analysis node's `browserView` is 'pending' from the moment the analysis
 * succeeds, and the last transaction of a materialization sets it to 'written'; every
 * explore.cypher query filters on it (an analysis stored before the flag existed has none:
 * its view was written before it succeeded, and counts as written). 'failed': a
 * materialization gave up; its staged nodes are gone and the next one starts from the
 * compact form again.
 *
 * One materialization at a time per analysis: a claim (browser-view-claim) names a fresh
 * token and a lease, and removes whatever an earlier materialization staged, in one
 * transaction; every transaction after it checks that the token still holds the view and
 * that the result is still at the revision it read (browser-view-held: a redaction raises
 * it, and the materialization then starts again from the redacted compact form); the last
 * one (browser-view-written) counts the staged nodes, all of them the token's own. A
 * transaction the driver retries after its commit went through is told by
 * result-rows-written / result-members-written and writes nothing: a retry is never applied
 * twice. A materialization that fails removes what it staged and marks the view 'failed'
 * (browser-view-abandon); one whose process died leaves 'pending' with a lease that expires.
 * Either is found by browser-view-pending (at boot, and by the runner when its worker ended
 * without writing the view) and materialized again.
 *
 * CONTINUES links each niche to the baseline niches it continues, from whichever of the two
 * views is materialized second: the later analysis' (result-lineage, with its niche rows) or
 * the baseline's (browser-view-continuations, from the later niches' lineage properties).
 *
 * With writeBack 'compact' (the default) IN_NICHE goes to each niche's first
 * BROWSER_TRUSTED_LINKS trusted members and its bridges, with the figures explore.cypher reads
 * (result-members-key); with 'full' to every member with every figure (result-members).
 */
import { randomUUID } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import type { MemberScore } from '../analysis/types.js';
import { map, runConcurrently, type Failure } from './concurrent-transactions.js';
import type { Neo4jContext } from './neo4j-context.js';
import { int, toNumber, type Row } from './neo4j-values.js';
import { memoryViewSource, storedViewSource, type BrowserViewSource, type InMemoryResult } from './browser-view-source.js';
import type { CatalogueRows } from './result-catalogue.js';
import type { Neo4jResultReader } from './result-reading.js';

export type WriteBack = 'compact' | 'full';

/** What a stored analysis' Browser view is: being written (or to be), written, or given up (to be written again). */
export type BrowserViewState = 'pending' | 'written' | 'failed';

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

/** Materializations of one analysis started at most by one call (each after a redaction changed the result under the previous one). */
const ATTEMPTS = 3;

export interface BrowserViewOptions {
  /** Rows per UNWIND and per transaction (memberships; at most as many niche and community rows). */
  resultChunkSize: number;
  /** Membership transactions running at a time, each on its own session. */
  resultConcurrency: number;
  /** Niche members (their ids go in the niche's memberIds list) per transaction. */
  nicheMembersPerTransaction: number;
  /** Which memberships become IN_NICHE relationships. */
  writeBack: WriteBack;
  /** How long a materialization holds the view without a transaction renewing it, ms. */
  leaseMs: number;
}

/** Thrown inside a transaction when the token no longer holds the view, or the result changed. */
class ViewLost extends Error {}

export class Neo4jBrowserView {
  constructor(
    private readonly ctx: Neo4jContext,
    private readonly reader: Neo4jResultReader,
    private readonly options: BrowserViewOptions,
  ) {}

  /**
   * Materializes the Browser view of a succeeded analysis from its compact form; `owner`
   * names the process (the token adds a fresh id). Resolves with the view's state after:
   * 'written'; 'held' when another live materialization holds it, or it is written already,
   * or the analysis is not succeeded (nothing done); throws when a write failed (the view is
   * then 'failed', what was staged removed). `inMemory`: the result just stored (the
   * worker's first materialization), used instead of the stored form when the claim reads
   * its revision (browser-view-source.ts); a materialization started again after a
   * redaction reads the stored form.
   */
  async materialize(analysisId: string, owner: string, inMemory?: InMemoryResult): Promise<'written' | 'held'> {
    for (let attempt = 1; ; attempt++) {
      const claimStarted = Date.now();
      const token = `${owner}/${randomUUID()}`;
      const claimed = await this.ctx.write('browser-view-claim', { analysisId, owner, token, now: int(Date.now()), leaseUntil: int(Date.now() + this.options.leaseMs) });
      const head = claimed.records[0];
      if (!head) return 'held';
      this.ctx.log.debug({ analysisId, phase: 'view-claim', ms: Date.now() - claimStarted }, 'result write phase');
      const claim: Claim = { analysisId, token, revision: toNumber(head.get('revision')), graphId: head.get('graphId') as string, baselineAnalysisId: (head.get('baselineAnalysisId') as string | null) ?? null };
      try {
        const fromMemory = attempt === 1 && inMemory !== undefined && inMemory.revision === claim.revision;
        await this.write(claim, fromMemory ? memoryViewSource(inMemory) : null);
        // The whole view, claim to written (its steps: the view-* lines before it).
        this.ctx.log.debug({ analysisId, phase: 'view', ms: Date.now() - claimStarted, attempt }, 'result write phase');
        return 'written';
      } catch (err) {
        await this.ctx.write('browser-view-abandon', { analysisId, token }).catch(() => {});
        // The result changed under it (a redaction): again from the new compact form.
        if (err instanceof ViewLost && attempt < ATTEMPTS) continue;
        throw err;
      }
    }
  }

  /** Analyses whose Browser view is to be materialized again (no live materialization holds it); `failed`: those marked failed too. */
  async pending(now: number, failed = true): Promise<string[]> {
    const res = await this.ctx.read('browser-view-pending', { now: int(now), states: failed ? ['pending', 'failed'] : ['pending'] });
    return res.records.map((r) => r.get('id') as string);
  }

  /** Writes the view from `source`, or (null) from the stored compact form. */
  private async write(claim: Claim, given: BrowserViewSource | null): Promise<void> {
    const { analysisId, token } = claim;
    const started = Date.now();
    const source = given ?? (await storedViewSource(this.reader, analysisId));
    if (source === null) throw new ViewLost(`store/browser-view: analysis '${analysisId}' has no compact result to materialize`);
    const { catalogue, order } = source;
    const stop: Failure = {};
    // One debug line per phase as it ends (bench/persist.ts reads the server's CPU at each).
    let since = started;
    const phase = (name: string) => {
      this.ctx.log.debug({ analysisId, phase: name, ms: Date.now() - since }, 'result write phase');
      since = Date.now();
    };
    phase(given === null ? 'view-read' : 'view-memory');
    const inView = (renew: boolean, work: (tx: ManagedTransaction) => Promise<void>) =>
      this.ctx.inWrite(async (tx) => {
        await this.held(tx, claim, renew);
        await work(tx);
      });
    // Communities before the niches, which link themselves to theirs (IN_COMMUNITY); both one
    // transaction at a time (each locks the Analysis node through OF_ANALYSIS).
    await runConcurrently(
      map(communityBatches(catalogue, this.options.nicheMembersPerTransaction, this.options.resultChunkSize), (rows) => () =>
        inView(true, async (tx) => {
          if (await this.written(tx, claim, null, rows[0]?.id as string)) return;
          const res = await tx.run(this.ctx.q.get('result-communities'), { analysisId, graphId: claim.graphId, owner: token, rows });
          const stored = toNumber(res.records[0]?.get('communities') ?? 0);
          if (stored !== rows.length) throw new Error(`store/browser-view: stored ${stored} of ${rows.length} community rows of analysis '${analysisId}'; write rolled back`);
        }),
      ),
      1,
      stop,
    );
    phase('view-communities');
    await runConcurrently(
      map(nicheBatches(catalogue, order, this.options.nicheMembersPerTransaction, this.options.resultChunkSize), (rows) => () =>
        inView(true, async (tx) => {
          if (await this.written(tx, claim, rows[0]?.id as string, null)) return;
          const res = await tx.run(this.ctx.q.get('result-niches'), { analysisId, graphId: claim.graphId, owner: token, rows });
          const stored = toNumber(res.records[0]?.get('niches') ?? 0);
          const linked = toNumber(res.records[0]?.get('linked') ?? 0);
          const inCommunities = rows.filter((r) => r.communityId !== null).length;
          if (stored !== rows.length || linked !== inCommunities) {
            throw new Error(`store/browser-view: stored ${stored} of ${rows.length} niche rows of analysis '${analysisId}' and linked ${linked} of ${inCommunities} to their community; write rolled back`);
          }
          if (claim.baselineAnalysisId !== null) await tx.run(this.ctx.q.get('result-lineage'), { analysisId, baselineAnalysisId: claim.baselineAnalysisId, rows });
        }),
      ),
      1,
      stop,
    );
    phase('view-niches');
    const writeBack = this.options.writeBack;
    await runConcurrently(
      map(membershipPicks(catalogue, order, writeBack, this.options.resultChunkSize), (picks) => () =>
        inView(false, async (tx) => {
          const first = picks[0] as Pick;
          const written = await tx.run(this.ctx.q.get('result-members-written'), { analysisId, graphId: claim.graphId, nicheId: first.nicheId, accountId: order[first.position] });
          if (toNumber(written.records[0]?.get('written') ?? 0) > 0) return;
          // 'compact' writes no top ties (result-members-key): their ids are not looked up.
          const rows = await source.membersAt(picks.map((p) => p.position), writeBack === 'full');
          const chunk = new MemberChunkBuilder();
          picks.forEach((p, k) => chunk.add(p.nicheId, p.rank, rows[k] as MemberScore));
          const built = chunk.build();
          const params = writeBack === 'full' ? built.params : Object.fromEntries(KEY_MEMBER_COLUMNS.map((c) => [c, built.params[c]]));
          const res = await tx.run(writeBack === 'full' ? this.ctx.q.get('result-members') : this.ctx.q.get('result-members-key'), { analysisId, graphId: claim.graphId, ...params });
          const stored = toNumber(res.records[0]?.get('members') ?? 0);
          if (stored !== built.size) throw new Error(`store/browser-view: stored ${stored} of ${built.size} memberships of analysis '${analysisId}' (accounts missing from graph '${claim.graphId}'); write rolled back`);
        }),
      ),
      this.options.resultConcurrency,
      stop,
    );
    phase('view-memberships');
    if (stop.failure !== undefined) throw stop.failure.error;
    // The later analyses' views written before this one link to it now (their own lineage
    // transactions found no niche of it to link to).
    await this.ctx.inTransactions('browser-view-continuations', { analysisId, graphId: claim.graphId });
    phase('view-continuations');
    const done = await this.ctx.write('browser-view-written', {
      analysisId,
      token,
      revision: int(claim.revision),
      niches: int(catalogue.niches.length),
      communities: int(catalogue.communities.length),
    });
    const status = done.records[0]?.get('status') as string | undefined;
    if (status === 'lost' || status === undefined) throw new ViewLost(`store/browser-view: the Browser view of analysis '${analysisId}' changed hands or its result changed while it was written`);
    phase('view-written');
    if (status !== 'written') throw new Error(`store/browser-view: nodes staged for the Browser view of analysis '${analysisId}' went missing: not marked written`);
  }

  private async held(tx: ManagedTransaction, claim: Claim, renew: boolean): Promise<void> {
    const res = await tx.run(this.ctx.q.get('browser-view-held'), {
      analysisId: claim.analysisId,
      token: claim.token,
      revision: int(claim.revision),
      renew,
      leaseUntil: int(Date.now() + this.options.leaseMs),
    });
    if (res.records.length === 0) throw new ViewLost(`store/browser-view: the Browser view of analysis '${claim.analysisId}' is no longer held by this materialization`);
  }

  /** Whether a batch whose first row is this niche / community was written by this token (a retried transaction). */
  private async written(tx: ManagedTransaction, claim: Claim, nicheId: string | null, communityId: string | null): Promise<boolean> {
    const res = await tx.run(this.ctx.q.get('result-rows-written'), { analysisId: claim.analysisId, owner: claim.token, nicheId, communityId });
    return res.records[0]?.get('written') === true;
  }
}

interface Claim {
  analysisId: string;
  token: string;
  revision: number;
  graphId: string;
  baselineAnalysisId: string | null;
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
    batch.push({ ...c, rank: int(c.rank), size: int(c.size), unassigned: int(c.unassigned), redacted: c.redacted ?? null });
    held += c.nicheIds.length + 1;
  }
  if (batch.length > 0) yield batch;
}

/**
 * Niche rows (result-niches): the catalogue's with their member lists (`order`: account ids
 * in member order), in groups holding about `members` member ids and at most `rows` rows.
 * The unassigned group has no member list: it is not a niche, and its list (117k ids of 256k
 * on higgs-retweet, in one property) cost about a third of the niche rows' server CPU
 * (bench/README.md "Persistence, shift 6"); its members are in the blocks.
 */
function* nicheBatches(catalogue: CatalogueRows, order: readonly string[], members: number, rows: number): Generator<Row[]> {
  let batch: Row[] = [];
  let held = 0;
  for (const niche of catalogue.niches) {
    const listed = niche.unassigned ? 0 : niche.size;
    if (batch.length > 0 && (held + listed > members || batch.length >= rows)) {
      yield batch;
      batch = [];
      held = 0;
    }
    batch.push({
      ...niche,
      rank: int(niche.rank),
      size: int(niche.size),
      events: int(niche.events),
      memberStart: int(niche.memberStart),
      tieStart: int(niche.tieStart),
      tieCount: int(niche.tieCount),
      redacted: niche.redacted ?? null,
      memberIds: niche.unassigned ? null : order.slice(niche.memberStart, niche.memberStart + niche.size),
    });
    held += listed;
  }
  if (batch.length > 0) yield batch;
}

/** One membership to write: the niche, the member's position in member order and its rank in the niche. */
interface Pick {
  nicheId: string;
  position: number;
  rank: number;
}

/**
 * The IN_NICHE memberships to write, niche by niche in rank order, in chunks of at most
 * `size`: 'full' every member; 'compact' the first BROWSER_TRUSTED_LINKS trusted members
 * and the bridges of each niche (both found by id in the niche's span of `order`).
 */
function* membershipPicks(catalogue: CatalogueRows, order: readonly string[], writeBack: WriteBack, size: number): Generator<Pick[]> {
  let chunk: Pick[] = [];
  for (const niche of catalogue.niches) {
    let ranks: number[];
    if (writeBack === 'full') {
      ranks = Array.from({ length: niche.size }, (_, k) => k);
    } else {
      const wanted = new Set<string>(niche.trustedIds.slice(0, BROWSER_TRUSTED_LINKS));
      for (const id of niche.bridgeIds) wanted.add(id);
      ranks = [];
      for (let k = 0; k < niche.size && ranks.length < wanted.size; k++) if (wanted.has(order[niche.memberStart + k] as string)) ranks.push(k);
    }
    for (const rank of ranks) {
      chunk.push({ nicheId: niche.id, position: niche.memberStart + rank, rank });
      if (chunk.length >= size) {
        yield chunk;
        chunk = [];
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** One chunk of memberships as result-members takes it (column-wise, see that file). */
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

  build(): { size: number; params: Row } {
    return {
      size: this.size,
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
