/**
 * The analysis a results route reads: 404 NG_ANALYSIS_NOT_FOUND when unknown, 409
 * NG_ANALYSIS_NOT_FINISHED until it has succeeded. A store read that finds the ties gone
 * (TiesChangedError) becomes 409 NG_TIES_UNAVAILABLE.
 */
import { Errors } from '../errors.js';
import { TiesChangedError } from '../reads/analysis-reads.js';
import type { AnalysisRecord, GraphStore } from '../store/port.js';

export async function succeededAnalysis(store: GraphStore, analysisId: string): Promise<AnalysisRecord> {
  const analysis = await store.getAnalysis(analysisId);
  if (!analysis) throw new Errors.ANALYSIS_NOT_FOUND(analysisId);
  if (analysis.status !== 'succeeded') throw new Errors.ANALYSIS_NOT_FINISHED(analysisId, analysis.status);
  return analysis;
}

/** Runs a read of the whole analysis, turning TiesChangedError into its problem. */
export async function readingTies<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof TiesChangedError) throw new Errors.TIES_UNAVAILABLE(err.analysisId, String(err.analysedVersion ?? '?'), String(err.currentVersion ?? 'deleted'));
    throw err;
  }
}
