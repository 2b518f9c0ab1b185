/**
 * Result writing: an analysis' niches and memberships, then the analysis marked succeeded
 * with its summary (cypher/result-*.cypher).
 *
 * Up to resultTransactionRows memberships: one write transaction (lock analysis, set
 * succeeded + summary, drop the niches of a previous write, create niches and memberships
 * in chunks). Above: several, niches first, then the memberships in transactions of
 * resultChunkSize (1,000) rows, resultConcurrency of them at a time on separate sessions,
 * then succeeded + summary last (see writeLargeResult). Memberships go column-wise (one
 * list per property, cut into runs of one niche: result-members). Every chunk checks that
 * it stored one membership per row (an account missing from the graph fails the write
 * instead of leaving a member out); a chunk transaction the driver retries writes nothing
 * when its first membership is already stored.
 *
 * writeResult throws StoreNotFoundError when its analysis is gone (its graph was deleted
 * meanwhile).
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { AnalysisResult } from '../analysis/types.js';
import type { Neo4jContext } from './neo4j-context.js';
import { chunks, int, toNumber, type Row } from './neo4j-values.js';
import { StoreNotFoundError } from './port.js';

export interface ResultWritingOptions {
  /** Niches per UNWIND. */
  chunkSize: number;
  /** Memberships per UNWIND, and per transaction above resultTransactionRows. */
  resultChunkSize: number;
  /** Above this many memberships, the result is written in several transactions. */
  resultTransactionRows: number;
  /** Membership transactions of a large result running at a time. */
  resultConcurrency: number;
}

export class Neo4jResultWriter {
  constructor(
    private readonly ctx: Neo4jContext,
    private readonly options: ResultWritingOptions,
  ) {}

  async writeResult(analysisId: string, result: AnalysisResult, finishedAt: string): Promise<void> {
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
    if (members > this.options.resultTransactionRows) {
      await this.writeLargeResult(analysisId, result, finishedAt, nicheRows);
      this.ctx.log.debug({ analysisId, niches: result.niches.length, members, ms: Date.now() - started }, 'wrote analysis result');
      return;
    }
    await this.ctx.inWrite(async (tx) => {
      const begun = await tx.run(this.ctx.q.get('result-begin'), resultBeginParams(analysisId, finishedAt, summary));
      const graphId = begun.records[0]?.get('graphId') as string | undefined;
      if (graphId === undefined) throw new StoreNotFoundError('analysis', analysisId);
      await tx.run(this.ctx.q.get('result-clear'), { analysisId });
      for (const chunk of chunks(nicheRows, this.options.chunkSize)) {
        await tx.run(this.ctx.q.get('result-niches'), { analysisId, graphId, rows: chunk });
      }
      for (const chunk of memberChunks(result, this.options.resultChunkSize)) {
        await this.writeMembers(tx, analysisId, graphId, chunk);
      }
    });
    this.ctx.log.debug({ analysisId, niches: result.niches.length, ms: Date.now() - started }, 'wrote analysis result');
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
  private async writeLargeResult(analysisId: string, result: AnalysisResult, finishedAt: string, nicheRows: Row[]): Promise<void> {
    const { summary } = result;
    const graphId = await this.ctx.inWrite(async (tx) => {
      const found = await tx.run(this.ctx.q.get('result-graph'), { analysisId });
      const id = found.records[0]?.get('graphId') as string | undefined;
      if (id === undefined) throw new StoreNotFoundError('analysis', analysisId);
      await tx.run(this.ctx.q.get('result-clear'), { analysisId });
      for (const chunk of chunks(nicheRows, this.options.chunkSize)) {
        await tx.run(this.ctx.q.get('result-niches'), { analysisId, graphId: id, rows: chunk });
      }
      return id;
    });
    const pending = memberChunks(result, this.options.resultChunkSize);
    let failure: { error: unknown } | null = null;
    const worker = async () => {
      for (let next = pending.next(); !next.done && failure === null; next = pending.next()) {
        const chunk = next.value;
        try {
          await this.ctx.inWrite(async (tx) => {
            const written = await tx.run(this.ctx.q.get('result-members-written'), {
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
    await Promise.all(Array.from({ length: this.options.resultConcurrency }, worker));
    if (failure !== null) throw (failure as { error: unknown }).error;
    await this.ctx.inWrite(async (tx) => {
      const begun = await tx.run(this.ctx.q.get('result-begin'), resultBeginParams(analysisId, finishedAt, summary));
      if (begun.records.length === 0) throw new StoreNotFoundError('analysis', analysisId);
    });
  }

  /** One chunk of memberships; throws (rolling the transaction back) when an account is missing. */
  private async writeMembers(tx: ManagedTransaction, analysisId: string, graphId: string, chunk: MemberChunk): Promise<void> {
    const res = await tx.run(this.ctx.q.get('result-members'), { analysisId, graphId, ...chunk.params });
    const stored = toNumber(res.records[0]?.get('members') ?? 0);
    if (stored !== chunk.size) {
      throw new Error(`store/neo4j-store: stored ${stored} of ${chunk.size} memberships (accounts missing from graph '${graphId}'); write rolled back`);
    }
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
