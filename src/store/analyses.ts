/**
 * Analysis records, their leases and status transitions (cypher/analysis-*.cypher).
 *
 * An unfinished analysis has a holder: `owner` (a process, or the shared queue) and
 * `leaseUntil` (epoch ms; null = the shared queue holds it, no expiry); `attempts` counts the
 * claims. Every transition is guarded by the holder (src/store/port.ts Lease): claimAnalysis
 * moves queued -> running for the runner that queued it or takes it from the queue, or takes
 * over one whose lease expired; renewLeases extends a holder's leases; markFailed acts for the
 * holder only; failUnheld and reclaimExpired only touch analyses nobody holds (no owner, an
 * expired lease, or a queue's lease on a job the caller knows it lost). The result writer
 * (result-writing.ts) succeeds an analysis only while it is running under the writer's lease
 * (cypher/result-begin.cypher). So a runner that lost its analysis changes nothing.
 */
import type { AnalysisSummary } from '../analysis/types.js';
import type { Neo4jContext } from './neo4j-context.js';
import { firstRecord, int, str, strOrNull, toNumber, toNumberOrNull } from './neo4j-values.js';
import type { AnalysisLineage, AnalysisParams, AnalysisRecord, AnalysisStatus, AnalysisTimings, ClaimOutcome, Lease, Page, ProjectionInfo } from './port.js';

export class Neo4jAnalyses {
  constructor(private readonly ctx: Neo4jContext) {}

  async createAnalysis(analysis: AnalysisRecord, lease: Lease): Promise<boolean> {
    const res = await this.ctx.write('analysis-create', {
      owner: lease.owner,
      leaseUntil: lease.until === null ? null : int(lease.until),
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

  async unfinishedAnalyses(analysisIds: readonly string[]): Promise<Set<string>> {
    if (analysisIds.length === 0) return new Set();
    const res = await this.ctx.read('analysis-unfinished', { ids: [...analysisIds] });
    return new Set(res.records.map((r) => str(r.get('id'))));
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

  async claimAnalysis(analysisId: string, lease: Lease & { until: number }, queuedBy: string, startedAt: string): Promise<ClaimOutcome> {
    const r = firstRecord(
      await this.ctx.write('analysis-claim', {
        analysisId,
        owner: lease.owner,
        queuedBy,
        leaseUntil: int(lease.until),
        now: int(Date.now()),
        startedAt,
      }),
    );
    if (!r) return { claimed: false, status: null, leaseUntil: null };
    if (r.get('claimed') === true) return { claimed: true };
    return { claimed: false, status: str(r.get('status')) as AnalysisStatus, leaseUntil: toNumberOrNull(r.get('leaseUntil')) };
  }

  async renewLeases(analysisIds: string[], owner: string, until: number): Promise<string[]> {
    if (analysisIds.length === 0) return [];
    const res = await this.ctx.write('analysis-renew-leases', { ids: analysisIds, owner, leaseUntil: int(until) });
    return res.records.map((r) => str(r.get('id')));
  }

  async markFailed(analysisId: string, error: string, finishedAt: string, owner: string): Promise<boolean> {
    return (await this.ctx.write('analysis-mark-failed', { analysisId, error, finishedAt, owner })).records.length > 0;
  }

  async failUnheld(analysisId: string, error: string, finishedAt: string, now: number, orphanOf: string | null = null): Promise<boolean> {
    const res = await this.ctx.write('analysis-fail-unheld', { analysisId, error, finishedAt, now: int(now), orphanOf });
    return res.records.length > 0;
  }

  async recordProjection(analysisId: string, projection: ProjectionInfo, owner: string): Promise<void> {
    await this.ctx.write('analysis-projection', { analysisId, owner, graphVersion: int(projection.graphVersion), cached: projection.cached });
  }

  async recordTimings(analysisId: string, timings: AnalysisTimings, owner: string): Promise<void> {
    await this.ctx.write('analysis-timings', { analysisId, owner, timings: JSON.stringify(timings) });
  }

  async reclaimExpired(reason: string, finishedAt: string, now: number): Promise<number> {
    const r = firstRecord(await this.ctx.write('analysis-reclaim-expired', { error: reason, finishedAt, now: int(now) }));
    return r ? toNumber(r.get('failed')) : 0;
  }

  async reapCandidates(queueOwner: string, before: string, now: number, limit: number): Promise<string[]> {
    const res = await this.ctx.read('analysis-reap-candidates', { queueOwner, before, now: int(now), limit: int(limit) });
    return res.records.map((r) => str(r.get('id')));
  }

  async countAnalysesByStatus(): Promise<Partial<Record<AnalysisStatus, number>>> {
    const res = await this.ctx.read('analysis-count-by-status');
    const out: Partial<Record<AnalysisStatus, number>> = {};
    for (const r of res.records) out[str(r.get('status')) as AnalysisStatus] = toNumber(r.get('count'));
    return out;
  }
}

function optionalNumber<K extends string>(key: K, value: unknown): Partial<Record<K, number>> {
  return value === null || value === undefined ? {} : ({ [key]: toNumber(value) } as Record<K, number>);
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
          // Absent from analyses stored before the community level.
          ...optionalNumber('communities', get('communities')),
          modularity: toNumber(get('modularity')),
          ...optionalNumber('nicheModularity', get('nicheModularity')),
          resolution: toNumber(get('resolutionUsed')),
          runs: toNumber(get('runs')),
          consensusRounds: toNumber(get('consensusRounds')),
          louvainDisconnected: toNumber(get('louvainDisconnected')),
          unassigned: toNumber(get('unassigned')),
          meanConfidence: toNumber(get('meanConfidence')),
        };
  const timings = get('timings');
  const graphVersion = get('graphVersion');
  const baselineAnalysisId = get('baselineAnalysisId');
  const lineage = get('lineage');
  const browserView = get('browserView');
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
    ...(typeof browserView === 'string' ? { browserView: browserView as NonNullable<AnalysisRecord['browserView']> } : {}),
    ...(toNumberOrNull(get('erasures') ?? null) ? { erasures: toNumber(get('erasures')) } : {}),
    ...(graphVersion !== null && graphVersion !== undefined ? { projection: { graphVersion: toNumber(graphVersion), cached: get('projectionCached') === true } } : {}),
    ...(typeof baselineAnalysisId === 'string' && typeof lineage === 'string'
      ? { lineage: { baselineAnalysisId, ...(JSON.parse(lineage) as Omit<AnalysisLineage, 'baselineAnalysisId'>) } }
      : {}),
  };
}
