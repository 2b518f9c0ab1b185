/**
 * The analysis a results route reads: 404 NG_ANALYSIS_NOT_FOUND when unknown, 409
 * NG_ANALYSIS_NOT_FINISHED until it has succeeded. A read of its stored result that finds
 * it gone meanwhile (AnalysisGoneError: its graph was deleted) is a 404 as well.
 */
import { Errors } from '../errors.js';
import { AnalysisGoneError } from '../reads/stored-analysis.js';
import type { AnalysisRecord, GraphStore } from '../store/port.js';

export async function succeededAnalysis(store: GraphStore, analysisId: string): Promise<AnalysisRecord> {
  const analysis = await store.getAnalysis(analysisId);
  if (!analysis) throw new Errors.ANALYSIS_NOT_FOUND(analysisId);
  if (analysis.status !== 'succeeded') throw new Errors.ANALYSIS_NOT_FINISHED(analysisId, analysis.status);
  return analysis;
}

/** Runs a read of a stored result, turning AnalysisGoneError into its 404. */
export async function readingStored<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AnalysisGoneError) throw new Errors.ANALYSIS_NOT_FOUND(err.analysisId);
    throw err;
  }
}
