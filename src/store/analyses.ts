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
import type { AnalysisParams, AnalysisRecord, AnalysisStatus, AnalysisTimings, Page, ProjectionInfo } from './port.js';

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
    return toAnalysisRecord((key) => (r.has(key) ? r.get(key) : null));
  }

  /** A graph's analyses, newest first; null when the graph is unknown. */
  async listAnalyses(graphId: string, page: { limit: number; offset: number }): Promise<Page<AnalysisRecord> | null> {
    const r = firstRecord(await this.ctx.read('analysis-list', { graphId, offset: int(page.offset), limit: int(page.limit) }));
    if (!r || r.get('found') !== true) return null;
    return {
      total: toNumber(r.get('total')),
      items: (r.get('items') as Array<Record<string, unknown>>).map((row) => toAnalysisRecord((key) => row[key] ?? null)),
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

/** An analysis record from the fields of analysis-get.cypher (or one item of analysis-list.cypher). */
function toAnalysisRecord(get: (key: string) => unknown): AnalysisRecord {
  const accounts = toNumberOrNull(get('accounts'));
  const summary: AnalysisSummary | null =
    accounts === null
      ? null
      : {
          accounts,
          edges: toNumber(get('edges')),
          niches: toNumber(get('niches')),
          modularity: toNumber(get('modularity')),
          resolution: toNumber(get('resolutionUsed')),
          runs: toNumber(get('runs')),
          consensusRounds: toNumber(get('consensusRounds')),
          louvainDisconnected: toNumber(get('louvainDisconnected')),
          unassigned: toNumber(get('unassigned')),
          meanConfidence: toNumber(get('meanConfidence')),
        };
  const timings = get('timings');
  const graphVersion = get('graphVersion');
  return {
    id: str(get('id')),
    graphId: str(get('graphId')),
    status: str(get('status')) as AnalysisStatus,
    params: JSON.parse(str(get('params'))) as AnalysisParams,
    createdAt: str(get('createdAt')),
    startedAt: strOrNull(get('startedAt')),
    finishedAt: strOrNull(get('finishedAt')),
    error: strOrNull(get('error')),
    summary,
    // Present only once recorded, so records without timings read back as they were written.
    ...(timings !== null && timings !== undefined ? { timings: JSON.parse(str(timings)) as AnalysisTimings } : {}),
    ...(toNumberOrNull(get('erasures') ?? null) ? { erasures: toNumber(get('erasures')) } : {}),
    ...(graphVersion !== null && graphVersion !== undefined ? { projection: { graphVersion: toNumber(graphVersion), cached: get('projectionCached') === true } } : {}),
  };
}
