/**
 * A niche's activity over time: the events between its members per UTC day or ISO week
 * (issue 11: the niche card's activity chart), read from Neo4j, the system of record, as the
 * projection keeps only each tie's first and last timestamp.
 *
 * Which events: those between two current members of the niche (its members in the stored
 * result's compact form: an erased account is gone from them and from Neo4j with its
 * interactions), self-loops and the
 * types the analysis weighted 0 left out, with a timestamp inside the span of internal
 * activity the analysis recorded for the niche (its firstActivity .. lastActivity, both
 * inclusive; inside the analysis's own window by construction). The span is what ties the
 * answer to the data the analysis saw: interactions carry no ingestion version, so an event
 * ingested after the analysis with a timestamp inside that span is counted too (and a folded
 * relationship of such a day holds both); events after the span are not. The analysis's
 * minWeight is not applied (a pair it dropped as too weak still has its events here).
 *
 * Bound: the work is the members' out-relationships (one index seek per member); the
 * answer lists at most MAX_BUCKETS[bucket] contiguous buckets ending with the span's last
 * one (366 days, 104 weeks: one year, two years), zeros included; events of the span
 * before the first listed bucket are summed in `earlierEvents`. The unassigned group (not a
 * niche, possibly most of the graph) and a niche without timestamped events answer no
 * buckets without a database read beyond the niche's row.
 */
import type { Neo4jContext } from './neo4j-context.js';
import { int, toNumber } from './neo4j-values.js';
import type { ActivityBucket, NicheActivity, NicheRow } from './port.js';

export const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Buckets listed at most: the last year by day, the last two years by week. */
export const MAX_BUCKETS: Record<ActivityBucket, number> = { day: 366, week: 104 };

/** Start (epoch ms) of the UTC day of `ms`. */
export function dayStart(ms: number): number {
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** Start (epoch ms) of the ISO week (Monday 00:00 UTC) of `ms`; 1970-01-01 was a Thursday. */
export function weekStart(ms: number): number {
  const day = dayStart(ms);
  const sinceMonday = (((Math.round(day / DAY_MS) + 3) % 7) + 7) % 7;
  return day - sinceMonday * DAY_MS;
}

export interface ActivityWindow {
  /** Types the analysis weighted 0 (the projection drops them). */
  droppedTypes: string[];
}

/** The niche an activity read buckets, from the stored result's compact form (result-reading.ts nicheMembers). */
export interface ActivityNiche {
  graphId: string;
  niche: Pick<NicheRow, 'unassigned' | 'firstActivity' | 'lastActivity'>;
  /** Its members' ids (erased accounts already removed by the redaction); none for the unassigned group. */
  memberIds: string[];
}

/** null when the analysis has no niche (`niche` null). */
export async function readNicheActivity(ctx: Neo4jContext, head: ActivityNiche | null, bucket: ActivityBucket, window: ActivityWindow): Promise<NicheActivity | null> {
  if (!head) return null;
  const first = head.niche.firstActivity;
  const last = head.niche.lastActivity;
  const empty: NicheActivity = { bucket, from: first, to: last, events: 0, earlierEvents: 0, buckets: [] };
  if (head.niche.unassigned || first === null || last === null) return empty;
  const from = Date.parse(first);
  const to = Date.parse(last);
  const ids = head.memberIds;
  if (ids.length === 0 || !Number.isFinite(from) || !Number.isFinite(to)) return empty;

  const days = await ctx.read('niche-activity', {
    graphId: head.graphId,
    ids,
    from: int(from),
    to: int(to),
    droppedTypes: window.droppedTypes,
  });
  const step = bucket === 'day' ? DAY_MS : WEEK_MS;
  const startOf = bucket === 'day' ? dayStart : weekStart;
  const lastBucket = startOf(to);
  const firstBucket = Math.max(startOf(from), lastBucket - (MAX_BUCKETS[bucket] - 1) * step);
  const counts = new Float64Array(Math.round((lastBucket - firstBucket) / step) + 1);
  let events = 0;
  let earlierEvents = 0;
  for (const record of days.records) {
    const day = toNumber(record.get('day'));
    const n = toNumber(record.get('events'));
    events += n;
    const b = startOf(day);
    if (b < firstBucket) earlierEvents += n;
    else {
      const k = Math.round((b - firstBucket) / step);
      counts[k] = (counts[k] as number) + n;
    }
  }
  const buckets = Array.from(counts, (n, k) => ({ start: new Date(firstBucket + k * step).toISOString(), events: n }));
  return { bucket, from: first, to: last, events, earlierEvents, buckets };
}
