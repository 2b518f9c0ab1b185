/**
 * Analysis records and their status transitions (cypher/analysis-*.cypher).
 *
 * markRunning only moves queued -> running; markFailed and failUnfinished only touch
 * queued/running analyses; the result writer (result-writing.ts) always succeeds the
 * analysis (it is the runner's last word).
 */
import type { AnalysisSummary } from '../analysis/types.js';
import type { Neo4jContext } from './neo4j-context.js';
import { firstRecord, int, str, strOrNull, toNumber, toNumberOrNull } from './neo4j-values.js';
import type { AnalysisParams, AnalysisRecord, AnalysisStatus, AnalysisTimings, ProjectionInfo } from './port.js';

export class Neo4jAnalyses {
  constructor(private readonly ctx: Neo4jContext) {}

  async createAnalysis(analysis: AnalysisRecord): Promise<boolean> {
    const res = await this.ctx.write('analysis-create', {
      id: analysis.id,
      graphId: analysis.graphId,
      status: analysis.status,
      params: JSON.stringify(analysis.params),
      createdAt: analysis.createdAt,
      startedAt: analysis.startedAt,
      finishedAt: analysis.finishedAt,
      error: analysis.error,
    });
    return res.records.length > 0;
  }

  async getAnalysis(analysisId: string): Promise<AnalysisRecord | null> {
    const r = firstRecord(await this.ctx.read('analysis-get', { analysisId }));
    if (!r) return null;
    const accounts = toNumberOrNull(r.get('accounts'));
    const summary: AnalysisSummary | null =
      accounts === null
        ? null
        : {
            accounts,
            edges: toNumber(r.get('edges')),
            niches: toNumber(r.get('niches')),
            modularity: toNumber(r.get('modularity')),
            resolution: toNumber(r.get('resolutionUsed')),
            runs: toNumber(r.get('runs')),
            consensusRounds: toNumber(r.get('consensusRounds')),
            louvainDisconnected: toNumber(r.get('louvainDisconnected')),
            unassigned: toNumber(r.get('unassigned')),
            meanConfidence: toNumber(r.get('meanConfidence')),
          };
    return {
      id: str(r.get('id')),
      graphId: str(r.get('graphId')),
      status: str(r.get('status')) as AnalysisStatus,
      params: JSON.parse(str(r.get('params'))) as AnalysisParams,
      createdAt: str(r.get('createdAt')),
      startedAt: strOrNull(r.get('startedAt')),
      finishedAt: strOrNull(r.get('finishedAt')),
      error: strOrNull(r.get('error')),
      summary,
      // Present only once recorded, so records without timings read back as they were written.
      ...(r.has('timings') && r.get('timings') !== null ? { timings: JSON.parse(str(r.get('timings'))) as AnalysisTimings } : {}),
      ...(r.has('graphVersion') && r.get('graphVersion') !== null
        ? { projection: { graphVersion: toNumber(r.get('graphVersion')), cached: r.get('projectionCached') === true } }
        : {}),
    };
  }

  /** queued -> running; an analysis in any other state (or unknown) is left alone. */
  async markRunning(analysisId: string, startedAt: string): Promise<void> {
    await this.ctx.write('analysis-mark-running', { analysisId, startedAt });
  }

  /** queued/running -> failed; a finished (or unknown) analysis is left alone. */
  async markFailed(analysisId: string, error: string, finishedAt: string): Promise<void> {
    await this.ctx.write('analysis-mark-failed', { analysisId, error, finishedAt });
  }

  async recordProjection(analysisId: string, projection: ProjectionInfo): Promise<void> {
    await this.ctx.write('analysis-projection', { analysisId, graphVersion: int(projection.graphVersion), cached: projection.cached });
  }

  async recordTimings(analysisId: string, timings: AnalysisTimings): Promise<void> {
    await this.ctx.write('analysis-timings', { analysisId, timings: JSON.stringify(timings) });
  }

  async failUnfinished(reason: string, finishedAt: string): Promise<number> {
    const r = firstRecord(await this.ctx.write('analysis-fail-unfinished', { error: reason, finishedAt }));
    return r ? toNumber(r.get('failed')) : 0;
  }

  async countAnalysesByStatus(): Promise<Partial<Record<AnalysisStatus, number>>> {
    const res = await this.ctx.read('analysis-count-by-status');
    const out: Partial<Record<AnalysisStatus, number>> = {};
    for (const r of res.records) out[str(r.get('status')) as AnalysisStatus] = toNumber(r.get('count'));
    return out;
  }
}
