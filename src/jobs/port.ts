/** What the HTTP layer needs from the analysis job runner. */
import type { AnalysisRecord } from '../store/port.js';

export interface AnalysisJobs {
  submit(analysis: AnalysisRecord): void;
  /** True once the analysis has finished, false if `timeoutMs` passed first. */
  waitFor(analysisId: string, timeoutMs: number): Promise<boolean>;
  /** Whether this process is queueing or running the analysis. */
  isActive(analysisId: string): boolean;
  close(): Promise<void>;
}
