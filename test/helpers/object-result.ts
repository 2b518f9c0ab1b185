/**
 * analyseProjection with its columnar result turned into the object form (every niche with
 * every member, result-view.ts nicheResults): what the analysis tests assert on.
 */
import { analyseProjection } from '../../src/analysis/analyse.js';
import type { PairTable } from '../../src/analysis/pair-table.js';
import type { AnalysisHooks } from '../../src/analysis/phases.js';
import { nicheResults } from '../../src/analysis/result-view.js';
import type { AnalysisOptions, AnalysisSummary, NicheResult, Projection } from '../../src/analysis/types.js';

export interface ObjectResult {
  summary: AnalysisSummary;
  niches: NicheResult[];
}

export function analyseObjects(projection: Projection | PairTable, options: AnalysisOptions, hooks?: AnalysisHooks): ObjectResult {
  const result = analyseProjection(projection, options, hooks);
  return { summary: result.summary, niches: nicheResults(result) };
}
