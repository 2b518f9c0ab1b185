/**
 * What the exports, the ambassadors and the explorer read of a finished analysis: every
 * account's result (niche by niche, in rank order) and the ties the analysis saw, as
 * streams, so that a reader holds one page at a time whatever the size.
 *
 * `PortAnalysisReads` builds them from the GraphStore port: accounts from the store's own
 * stream when it has one (accountResults), else from the paged niche and member reads; ties from the graph's projection with the analysis's
 * parameters, which equals what the analysis saw while the graph version has not moved
 * since (ties() throws TiesChangedError otherwise, rather than answer with other data).
 * Contract 3 of the brief (results stores the analysed ties with each result) replaces that
 * part; the interface stays.
 */
import type { AccountResultRow, AnalysisRecord, GraphStore, NicheRow } from '../store/port.js';
import type { ExportAccount } from '../exports/source.js';

/** An undirected tie between two accounts, as the analysis saw it. */
export interface AnalysedTie {
  source: string;
  target: string;
  /** Positive weight both ways, w(s -> t) + w(t -> s). */
  weight: number;
  /** Reciprocated weight min(w(s -> t), w(t -> s)); 0 for a one-way tie. */
  reciprocated: number;
}

export interface AnalysisReads {
  /** Every account of a succeeded analysis, niche by niche (n0 first, unassigned last), rank order inside. */
  accounts(analysis: AnalysisRecord): AsyncIterable<ExportAccount>;
  /** Every analysed tie, each unordered pair once. */
  ties(analysis: AnalysisRecord): AsyncIterable<AnalysedTie>;
}

/** The graph changed since the analysis ran, and its ties were not stored with it. */
export class TiesChangedError extends Error {
  constructor(
    readonly analysisId: string,
    readonly analysedVersion: number | null,
    readonly currentVersion: number | null,
  ) {
    super(`the ties of analysis '${analysisId}' are no longer in its graph (analysed at version ${analysedVersion ?? '?'}, now ${currentVersion ?? 'deleted'})`);
    this.name = 'TiesChangedError';
  }
}

const PAGE = 1000;

/**
 * The community of a niche: the one the analysis stored with it, else (results stored before
 * the community level, or a store that does not keep it yet) one community per niche,
 * "c" + the niche's rank. The unassigned group is in no community.
 */
export function communityOf(niche: { id: string; unassigned: boolean; communityId?: string | null }): string | null {
  if (niche.unassigned) return null;
  if (typeof niche.communityId === 'string') return niche.communityId;
  return niche.id.startsWith('n') ? `c${niche.id.slice(1)}` : niche.id;
}

/**
 * A store that streams every account's result itself, in constant memory (contract 3's
 * read, `results reads:`); used when the store has it, the paged reads otherwise.
 */
interface AccountStream {
  accountResults?: (analysisId: string) => Promise<AsyncIterable<AccountResultRow> | null>;
}

function exportRow(m: AccountResultRow['member'], niche: { id: string; unassigned: boolean; communityId?: string | null }): ExportAccount {
  return {
    accountId: m.accountId,
    nicheId: niche.id,
    communityId: communityOf(niche),
    rank: m.rank,
    score: m.score,
    role: m.role,
    confidence: m.confidence,
    centrality: m.centrality,
    ties: m.ties,
    positiveShare: m.positiveShare,
    reciprocity: m.reciprocity,
    repeat: m.repeat,
    embeddedness: m.embeddedness,
    withinDegreeZ: m.withinDegreeZ,
    participation: m.participation,
    unassigned: niche.unassigned,
  };
}

export class PortAnalysisReads implements AnalysisReads {
  constructor(private readonly store: GraphStore & AccountStream) {}

  async *accounts(analysis: AnalysisRecord): AsyncGenerator<ExportAccount> {
    const stream = this.store.accountResults ? await this.store.accountResults(analysis.id) : null;
    if (stream) {
      // Niche figures (the community) once, then the stream.
      const niches = new Map<string, NicheRow>();
      for (let offset = 0; ; offset += PAGE) {
        const page = await this.store.listNiches(analysis.id, { limit: PAGE, offset });
        for (const n of page.items) niches.set(n.id, n);
        if (offset + PAGE >= page.total) break;
      }
      for await (const row of stream) {
        yield exportRow(row.member, niches.get(row.nicheId) ?? { id: row.nicheId, unassigned: row.unassigned });
      }
      return;
    }
    for (let offset = 0; ; offset += PAGE) {
      const niches = await this.store.listNiches(analysis.id, { limit: PAGE, offset });
      for (const niche of niches.items) {
        for (let from = 0; from < niche.size; from += PAGE) {
          const page = await this.store.listMembers(analysis.id, niche.id, { limit: PAGE, offset: from });
          if (!page) return;
          for (const m of page.items) yield exportRow(m, niche);
          if (page.items.length < PAGE) break;
        }
      }
      if (offset + PAGE >= niches.total) return;
    }
  }

  async *ties(analysis: AnalysisRecord): AsyncGenerator<AnalysedTie> {
    const { resolution, seed, topK, runs, minNicheSize, nicheSize, centralities, ...projectionParams } = analysis.params;
    const analysed = analysis.projection?.graphVersion ?? null;
    const projected = await this.store.project(analysis.graphId, projectionParams);
    if (!projected || analysed === null || projected.version !== analysed) {
      throw new TiesChangedError(analysis.id, analysed, projected?.version ?? null);
    }
    const t = projected.table;
    // Rows are sorted by (source, target): the twin j -> i of i -> j is found by binary search in row j.
    const rowStart = new Int32Array(t.accounts.length + 1);
    for (let r = 0; r < t.size; r++) rowStart[(t.source[r] as number) + 1] = (rowStart[(t.source[r] as number) + 1] as number) + 1;
    for (let i = 0; i < t.accounts.length; i++) rowStart[i + 1] = (rowStart[i + 1] as number) + (rowStart[i] as number);
    const twin = (i: number, j: number): number => {
      let lo = rowStart[j] as number;
      let hi = (rowStart[j + 1] as number) - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = t.target[mid] as number;
        if (v === i) return mid;
        if (v < i) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    };
    for (let r = 0; r < t.size; r++) {
      const i = t.source[r] as number;
      const j = t.target[r] as number;
      if (i === j) continue;
      const forward = t.positive[r] as number;
      const k = twin(i, j);
      const backward = k < 0 ? 0 : (t.positive[k] as number);
      // Each unordered pair once: from its lower index, or from its only row.
      if (k >= 0 && i > j) continue;
      if (forward + backward <= 0) continue;
      const [a, b] = i < j ? [i, j] : [j, i];
      yield { source: t.accounts[a] as string, target: t.accounts[b] as string, weight: forward + backward, reciprocated: Math.min(forward, backward) };
    }
  }
}
