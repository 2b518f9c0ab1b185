/**
 * Reads of a whole finished analysis for the exports, the map and the ambassadors, from its
 * result as it was stored (the GraphStore's accountResults, ties, nicheGraph and nicheTies:
 * contract 3 of the team brief). They show exactly what the analysis saw, whatever was
 * ingested into its graph since; every one holds one block of rows at a time.
 *
 * Each read answers AnalysisGoneError when the analysis has no stored result any more (its
 * graph was deleted between the route's status check and the read).
 */
import type { ExportAccount } from '../exports/source.js';
import type { AccountResultRow, GraphStore, NicheRow, StoredTie } from '../store/port.js';

/** The analysis's stored result disappeared while it was being read (its graph was deleted). */
export class AnalysisGoneError extends Error {
  constructor(readonly analysisId: string) {
    super(`the stored result of analysis '${analysisId}' is gone (its graph was deleted)`);
    this.name = 'AnalysisGoneError';
  }
}

const NICHE_PAGE = 1000;

/** Every niche row of a stored result, in rank order (the unassigned group last). */
export async function nicheRows(store: GraphStore, analysisId: string): Promise<NicheRow[]> {
  const rows: NicheRow[] = [];
  for (let offset = 0; ; offset += NICHE_PAGE) {
    const page = await store.listNiches(analysisId, { limit: NICHE_PAGE, offset });
    rows.push(...page.items);
    if (offset + NICHE_PAGE >= page.total) return rows;
  }
}

/** The community of a niche row: null for the unassigned group (in no niche, so in no community). */
export function communityOf(niche: Pick<NicheRow, 'unassigned' | 'communityId'>): string | null {
  return niche.unassigned ? null : (niche.communityId ?? null);
}

export interface CommunityGroup {
  id: string;
  /** Its niches (the unassigned group is none). */
  niches: number;
  /** Accounts in its niches. */
  size: number;
}

/** Communities as groups of niches, largest first (ties by id), from the niche rows. */
export function communityGroups(niches: readonly NicheRow[]): CommunityGroup[] {
  const groups = new Map<string, CommunityGroup>();
  for (const n of niches) {
    const id = communityOf(n);
    if (id === null) continue;
    const g = groups.get(id) ?? { id, niches: 0, size: 0 };
    g.niches++;
    g.size += n.size;
    groups.set(id, g);
  }
  return [...groups.values()].sort((x, y) => y.size - x.size || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

/** One account's stored result as an export row (its niche's community from `niches`). */
export function exportRow(row: AccountResultRow, niches: ReadonlyMap<string, NicheRow>): ExportAccount {
  const m = row.member;
  const niche = niches.get(row.nicheId);
  return {
    accountId: row.accountId,
    nicheId: row.nicheId,
    communityId: niche ? communityOf(niche) : null,
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
    unassigned: row.unassigned,
  };
}

/** Every account's stored result, niche by niche in rank order (members' topTies left empty: no reader here needs them). */
export async function accountRows(store: GraphStore, analysisId: string): Promise<AsyncIterable<AccountResultRow>> {
  const rows = await store.accountResults(analysisId, { topTies: false });
  if (!rows) throw new AnalysisGoneError(analysisId);
  return rows;
}

/** Every analysed tie, one at a time: the internal ties of each niche in rank order, then those between niches. */
export async function* storedTies(store: GraphStore, analysisId: string): AsyncGenerator<StoredTie> {
  const batches = await store.ties(analysisId);
  if (!batches) throw new AnalysisGoneError(analysisId);
  for await (const batch of batches) yield* batch;
}
