/**
 * The I/O around an analysis' lineage (issue 12 items 2-3), for the analysis worker:
 * 1. resolveBaseline: which earlier analysis the niches are matched to: the one the request
 *    named (checked again here: it must be a succeeded analysis of the same graph), none
 *    (`baseline: null`), or by default the latest succeeded analysis of the graph created
 *    before this one with the same projection params apart from the time window (type
 *    weights, minWeight, halfLife), or none;
 * 2. readBaseline: its niches over this analysis' accounts, from the store's result reads
 *    (the niche catalogue, then every account's result as a stream, one block at a time);
 *    it is also the warm start of the analysis (result-lineage.ts warmStartOf);
 * 3. withStableIds: the lineage, the new ids reserved from the graph's counter, the result
 *    renamed (src/analysis/result-lineage.ts).
 */
import type { AnalysisResult } from '../analysis/types.js';
import { newNicheIds, resultLineage, withNicheIds, type BaselinePartition } from '../analysis/result-lineage.js';
import { sortedIndexOf } from '../analysis/sorted-ids.js';
import type { AnalysisParams, AnalysisRecord, GraphStore } from '../store/port.js';
import { projectionParamsKey } from './projection-cache.js';

const PREFIX = 'jobs/niche-lineage';
/** Analyses read per page while looking for the default baseline. */
const PAGE = 100;

/** The projection params that must match for an analysis to be another's default baseline: all but the time window. */
export function lineageKey(params: AnalysisParams): string {
  return projectionParamsKey({ typeWeights: params.typeWeights, minWeight: params.minWeight, halfLife: params.halfLife ?? null, from: null, to: null });
}

/** Created strictly before `analysis` (createdAt, then id: the order of listAnalyses). */
function before(a: AnalysisRecord, analysis: AnalysisRecord): boolean {
  return a.createdAt < analysis.createdAt || (a.createdAt === analysis.createdAt && a.id < analysis.id);
}

/** The baseline of an analysis (see the module comment), or null; throws when a named baseline is unusable. */
export async function resolveBaseline(store: GraphStore, analysis: AnalysisRecord): Promise<AnalysisRecord | null> {
  const asked = analysis.params.baseline;
  if (asked === null) return null;
  if (typeof asked === 'string') {
    const named = await store.getAnalysis(asked);
    if (!named || named.graphId !== analysis.graphId) throw new Error(`${PREFIX}: baseline '${asked}' is not an analysis of graph '${analysis.graphId}'`);
    if (named.status !== 'succeeded') throw new Error(`${PREFIX}: baseline '${asked}' is ${named.status}, not succeeded`);
    return named;
  }
  const key = lineageKey(analysis.params);
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.listAnalyses(analysis.graphId, { limit: PAGE, offset });
    if (!page) throw new Error(`graph '${analysis.graphId}' was deleted before the analysis ran`);
    for (const a of page.items) {
      if (a.id !== analysis.id && a.status === 'succeeded' && before(a, analysis) && lineageKey(a.params) === key) return a;
    }
    if (page.items.length < PAGE || offset + PAGE >= page.total) return null;
  }
}


/**
 * The baseline's niches over `accounts` (this analysis' account ids, ascending), read from
 * its stored result in constant memory apart from the labels themselves. Throws when the
 * baseline has no stored result (any more).
 */
export async function readBaseline(store: GraphStore, baselineAnalysisId: string, accounts: readonly string[]): Promise<BaselinePartition> {
  const nicheIds: string[] = [];
  const nicheSize: number[] = [];
  const communityLabel = new Map<string, number>();
  const nicheCommunity: number[] = [];
  // Stored niche row -> label here (-1: the unassigned group).
  const label: number[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.listNiches(baselineAnalysisId, { limit: 1000, offset });
    for (const n of page.items) {
      if (n.unassigned) {
        label.push(-1);
        continue;
      }
      label.push(nicheIds.length);
      nicheIds.push(n.id);
      nicheSize.push(n.size);
      const c = n.communityId ?? null;
      if (c !== null && !communityLabel.has(c)) communityLabel.set(c, communityLabel.size);
      nicheCommunity.push(c === null ? -1 : (communityLabel.get(c) as number));
    }
    if (offset + 1000 >= page.total) break;
  }
  // Columns, not a row per account (a stream of member rows took seconds on higgs-retweet).
  const stored = await store.accountNiches(baselineAnalysisId);
  if (stored === null) throw new Error(`${PREFIX}: baseline '${baselineAnalysisId}' has no stored result`);
  const niche = new Int32Array(accounts.length).fill(-1);
  for (let k = 0; k < stored.ids.length; k++) {
    const row = stored.nicheRow[k] as number;
    const l = row >= 0 && row < label.length ? (label[row] as number) : -1;
    if (l < 0) continue;
    const i = sortedIndexOf(accounts, stored.ids[k] as string);
    if (i >= 0) niche[i] = l;
  }
  return { analysisId: baselineAnalysisId, nicheIds, nicheSize: Int32Array.from(nicheSize), nicheCommunity: Int32Array.from(nicheCommunity), niche };
}

/** The result with stable niche ids (and lineage when there is a baseline): new ids come from the graph's counter. */
export async function withStableIds(store: GraphStore, graphId: string, result: AnalysisResult, baseline: BaselinePartition | null): Promise<AnalysisResult> {
  const lineage = resultLineage(result, baseline);
  const count = newNicheIds(result, lineage);
  const first = await store.allocateNicheIds(graphId, count);
  if (first === null) throw new Error(`graph '${graphId}' was deleted while the analysis ran`);
  return withNicheIds(result, baseline, lineage, first);
}
