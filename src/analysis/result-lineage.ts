/**
 * Lineage and stable niche ids on a columnar result (issue 12 items 2-3): the niches of an
 * analysis matched to those of its baseline analysis (lineage.ts: best-match Jaccard,
 * Greene, Doyle & Cunningham 2010), each niche that continues a baseline niche keeping its
 * id, every other one taking a new id from the graph's counter, the events and the
 * dissolved baseline niches laid out as LineageColumns (types.ts).
 *
 * The baseline is given as a partition of this analysis' accounts (BaselinePartition),
 * read from the store by the caller; it also serves as the warm start of the analysis
 * (warmStartOf). Without a baseline every niche is new and the result carries no lineage.
 * Pure: the same result, baseline and first free counter value give the same ids.
 */
import { assignNicheIds, lineageCounts, nicheLineage, type Lineage } from './lineage.js';
import type { AnalysisResult, LineageColumns } from './types.js';

const PREFIX = 'nichegraph/analysis/result-lineage';

/** A baseline analysis' niches, over the accounts of the analysis being matched to it. */
export interface BaselinePartition {
  analysisId: string;
  /** Its niche ids (the unassigned group not included). */
  nicheIds: readonly string[];
  /** Their sizes, members absent from the current analysis included. */
  nicheSize: ArrayLike<number>;
  /** The community of each baseline niche as a label 0.. (-1: unknown). */
  nicheCommunity: Int32Array;
  /** Per account index of the current analysis: its baseline niche (index into nicheIds), -1 when unassigned or absent. */
  niche: Int32Array;
}

/** The starting partition of a warm start from the baseline (AnalysisOptions.initialPartition / initialCommunities). */
export function warmStartOf(baseline: BaselinePartition): { initialPartition: Int32Array; initialCommunities: Int32Array } {
  const initialCommunities = Int32Array.from(baseline.niche, (b) => (b < 0 ? -1 : (baseline.nicheCommunity[b] as number)));
  return { initialPartition: baseline.niche, initialCommunities };
}

/** Niche rows of the result (the unassigned row not counted). */
function nicheRows(result: AnalysisResult): number {
  return result.niches.unassignedRow >= 0 ? result.niches.count - 1 : result.niches.count;
}

/** Lineage of the result's niche rows relative to the baseline; null without one. */
export function resultLineage(result: AnalysisResult, baseline: BaselinePartition | null): Lineage | null {
  if (baseline === null) return null;
  const { accounts, niches } = result;
  if (baseline.niche.length !== accounts.count) throw new RangeError(`${PREFIX}: the baseline labels ${baseline.niche.length} accounts, the result has ${accounts.count}.`);
  const current = Int32Array.from(accounts.niche, (row) => (row === niches.unassignedRow ? -1 : row));
  return nicheLineage({ current, currentCount: nicheRows(result), baseline: baseline.niche, baselineSize: baseline.nicheSize });
}

/** How many new ids the result needs: every niche row that keeps no baseline id. */
export function newNicheIds(result: AnalysisResult, lineage: Lineage | null): number {
  if (lineage === null) return nicheRows(result);
  return lineage.niches.reduce((n, l) => n + (l.keeps < 0 ? 1 : 0), 0);
}

/**
 * The result with its niche ids replaced (kept baseline ids, or "n" + k from `firstFree` on,
 * in row order) and, with a baseline, its lineage columns. Rows keep their order (largest
 * first); the unassigned group keeps its id.
 */
export function withNicheIds(result: AnalysisResult, baseline: BaselinePartition | null, lineage: Lineage | null, firstFree: number): AnalysisResult {
  const rows = nicheRows(result);
  let ids: string[];
  if (lineage === null || baseline === null) {
    if (!Number.isSafeInteger(firstFree) || firstFree < 0) throw new RangeError(`${PREFIX}: firstFree must be an integer >= 0, got ${String(firstFree)}.`);
    ids = Array.from({ length: rows }, (_, r) => `n${firstFree + r}`);
  } else {
    if (lineage.niches.length !== rows) throw new RangeError(`${PREFIX}: the lineage has ${lineage.niches.length} niches, the result ${rows}.`);
    ids = assignNicheIds(lineage, baseline.nicheIds, firstFree).ids;
  }
  const allIds = result.niches.unassignedRow >= 0 ? [...ids, result.niches.ids[result.niches.unassignedRow] as string] : ids;
  const out: AnalysisResult = { ...result, niches: { ...result.niches, ids: allIds } };
  if (lineage !== null && baseline !== null) out.lineage = lineageColumns(result, baseline, lineage);
  return out;
}

function lineageColumns(result: AnalysisResult, baseline: BaselinePartition, lineage: Lineage): LineageColumns {
  const rows = result.niches.count;
  const fromStarts = new Int32Array(rows + 1);
  const fromIds: string[] = [];
  const jaccard: number[] = [];
  const event: LineageColumns['event'] = new Array(rows).fill(null);
  lineage.niches.forEach((n, r) => {
    event[r] = n.event;
    for (const f of n.from) {
      fromIds.push(baseline.nicheIds[f.baseline] as string);
      jaccard.push(f.jaccard);
    }
    fromStarts[r + 1] = fromIds.length;
  });
  for (let r = lineage.niches.length; r < rows; r++) fromStarts[r + 1] = fromIds.length;
  return {
    baselineAnalysisId: baseline.analysisId,
    event,
    fromStarts,
    fromIds,
    fromJaccard: Float64Array.from(jaccard),
    dissolved: lineage.dissolved.map((b) => ({ nicheId: baseline.nicheIds[b] as string, size: baseline.nicheSize[b] as number })),
    counts: lineageCounts(lineage),
  };
}
