/**
 * An analysis request turned into the effective parameters (defaults filled in, the rules
 * a schema cannot say checked), and a stored analysis turned into its public shape.
 */
import { parseDuration } from '../../../analysis/time-decay.js';
import { ValidationFailure } from '../../../errors.js';
import type { AnalysisParams, AnalysisRecord, GraphStore } from '../../../store/port.js';
import { parseTimestamp } from '../../timestamps.js';
import { DEFAULT_MIN_NICHE_SIZE, DEFAULT_RUNS, DEFAULT_SEED, type AnalysisRequest } from './schemas.js';

export function isFinished(a: AnalysisRecord): boolean {
  return a.status === 'succeeded' || a.status === 'failed';
}

/**
 * A baseline named by the request must be a succeeded analysis of the same graph: otherwise a
 * 400 naming the field (what it is instead).
 */
export async function checkBaseline(store: GraphStore, graphId: string, baseline: string | null | undefined): Promise<void> {
  if (typeof baseline !== 'string') return;
  const found = await store.getAnalysis(baseline);
  const why =
    found === null
      ? `must name an earlier analysis of graph '${graphId}': analysis '${baseline}' does not exist`
      : found.graphId !== graphId
        ? `must name an analysis of graph '${graphId}': analysis '${baseline}' is of graph '${found.graphId}'`
        : found.status !== 'succeeded'
          ? `must name a succeeded analysis: analysis '${baseline}' is ${found.status}`
          : null;
  if (why !== null) throw new ValidationFailure([{ in: 'body', pointer: '/baseline', field: 'baseline', message: why }]);
}

/** The public shape: optional members left out rather than null. */
export function analysisView(a: AnalysisRecord) {
  const { error, summary, params, timings, projection, ...rest } = a;
  return {
    ...rest,
    params: {
      ...params,
      from: params.from === null ? null : new Date(params.from).toISOString(),
      to: params.to === null ? null : new Date(params.to).toISOString(),
    },
    ...(error !== null ? { error } : {}),
    ...(summary !== null ? { summary } : {}),
    ...(timings ? { timings } : {}),
    ...(projection ? { projection } : {}),
  };
}

/** Fills defaults and checks the rules a schema cannot say. */
export function toAnalysisParams(body: AnalysisRequest): AnalysisParams {
  const errors = [];
  const time = (key: 'from' | 'to') => {
    const v = body[key];
    if (v === undefined) return null;
    const ms = parseTimestamp(v);
    if (ms === null) errors.push({ in: 'body', pointer: `/${key}`, field: key, message: 'must be an ISO 8601 date-time with a time zone, or epoch milliseconds' });
    return ms;
  };
  const from = time('from');
  const to = time('to');
  if (from !== null && to !== null && from >= to) {
    errors.push({ in: 'body', pointer: '/to', field: 'to', message: 'must be later than from' });
  }
  if (body.halfLife !== undefined && parseDuration(body.halfLife) === null) {
    errors.push({
      in: 'body',
      pointer: '/halfLife',
      field: 'halfLife',
      message: 'must be a non-zero ISO 8601 duration such as "P30D", "PT12H" or "P1Y6M" (at most 1,000 years)',
    });
  }
  if (body.nicheSize !== undefined && body.nicheSize.max < body.nicheSize.min) {
    errors.push({ in: 'body', pointer: '/nicheSize/max', field: 'nicheSize.max', message: 'must be >= nicheSize.min' });
  }
  if (errors.length > 0) throw new ValidationFailure(errors);
  return {
    resolution: body.resolution ?? null,
    seed: body.seed ?? DEFAULT_SEED,
    topK: body.topK ?? 10,
    typeWeights: body.typeWeights ?? {},
    from,
    to,
    minWeight: body.minWeight ?? 0,
    halfLife: body.halfLife ?? null,
    runs: body.runs ?? DEFAULT_RUNS,
    minNicheSize: body.minNicheSize ?? DEFAULT_MIN_NICHE_SIZE,
    nicheSize: body.nicheSize ?? null,
    ...(body.centralities === undefined ? {} : { centralities: [...body.centralities] }),
    ...(body.baseline === undefined ? {} : { baseline: body.baseline }),
    warmStart: body.warmStart ?? true,
  };
}
