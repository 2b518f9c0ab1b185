/**
 * analyseProjection with its columnar result turned into the object form (every community,
 * every niche with every member: result-view.ts): what the analysis tests assert on.
 */
import { analyseProjection } from '../../src/analysis/analyse.js';
import type { PairTable } from '../../src/analysis/pair-table.js';
import type { AnalysisHooks } from '../../src/analysis/phases.js';
import { communityView, nicheResults } from '../../src/analysis/result-view.js';
import type { AnalysisOptions, AnalysisSummary, CommunityResult, NicheResult, Projection } from '../../src/analysis/types.js';

export interface ObjectResult {
  summary: AnalysisSummary;
  communities: CommunityResult[];
  niches: NicheResult[];
}

export function analyseObjects(projection: Projection | PairTable, options: AnalysisOptions, hooks?: AnalysisHooks): ObjectResult {
  const result = analyseProjection(projection, options, hooks);
  return {
    summary: result.summary,
    communities: Array.from({ length: result.communities.count }, (_, k) => communityView(result, k)),
    niches: nicheResults(result),
  };
}
