/**
 * The fold mode of a graph (`fold: 'day'`, fixed when the graph is created; issue 10 item 3).
 *
 * Events without an id of one (source, target, type, UTC day, sign of the weight) are stored
 * as one INTERACTED relationship: `count` events, `weight` the sum of their weights, `ts` the
 * start of the day (null for events without a timestamp, which fold together), `key` the
 * fold key below. The projection reads such a relationship as `count` events of that
 * weight sum (cypher/project-graph.cypher, src/store/pair-aggregator.ts): pair counts,
 * positive and negative sums, events per type are those of the unfolded events; times
 * (first and last activity, a time window, a time decay) are those of the day's start.
 *
 * Why the sign is part of the key: the projection keeps positive and negative weight apart
 * per pair, so +1 and -1 on one day must not cancel into 0.
 *
 * Folding spans batches: a batch's groups whose key is already stored add to that
 * relationship (count and weight), the others are created; both under the graph's write
 * lock, which every ingest takes first, so two batches never race on a key.
 *
 * Replay: adding to a stored relationship is not idempotent, so every batch that folds must
 * be applied at most once. The store refuses (FoldUnguarded) a folded batch without an
 * upload step: the streamed routes send their Upload-Id's step, a JSON batch its
 * Idempotency-Key as a one-batch step (src/store/uploads.ts records it in the batch's own
 * transaction, so a retry finds the batch committed, whatever died in between).
 *
 * Keys: `graphId + '|' + SHA-256 of [source, target, type, day, sign]` (base64url). An
 * interaction id's key is `graphId + '/' + id`, so the two can never meet.
 */
import { createHash } from 'node:crypto';
import type { InteractionInput } from './port.js';

export const DAY_MS = 86_400_000;

/** A batch with events to fold reached a folded graph without an upload step (a retry could count them twice). */
export class FoldUnguarded extends Error {
  constructor(readonly graphId: string) {
    super(`store/fold: graph '${graphId}' folds events without ids; a batch of them needs an upload step (replay guard)`);
    this.name = 'FoldUnguarded';
  }
}

/** One folded relationship-to-be: `count` events of one key, their weight sum. */
export interface FoldGroup {
  key: string;
  source: string;
  target: string;
  type: string;
  weight: number;
  count: number;
  /** The day's start (epoch ms), or null for events without a timestamp. */
  ts: number | null;
}

/** What a fold key hashes: unambiguous whatever the ids hold. */
function keyText(source: string, target: string, type: string, day: number | null, positive: boolean): string {
  return JSON.stringify([source, target, type, day, positive ? 1 : -1]);
}

/** The fold key of an event (see the module comment). */
export function foldKey(graphId: string, source: string, target: string, type: string, day: number | null, positive: boolean): string {
  return `${graphId}|${createHash('sha256').update(keyText(source, target, type, day, positive)).digest('base64url')}`;
}

/** Groups events (all without ids) by fold key, in first-seen order. */
export function foldEvents(graphId: string, events: readonly Pick<InteractionInput, 'source' | 'target' | 'type' | 'weight' | 'timestamp'>[]): FoldGroup[] {
  // Grouped by the key's text, hashed once per group.
  const groups = new Map<string, FoldGroup>();
  for (const e of events) {
    const day = e.timestamp === null ? null : Math.floor(e.timestamp / DAY_MS);
    const text = keyText(e.source, e.target, e.type, day, e.weight > 0);
    const group = groups.get(text);
    if (group) {
      group.weight += e.weight;
      group.count++;
    } else {
      groups.set(text, { key: text, source: e.source, target: e.target, type: e.type, weight: e.weight, count: 1, ts: day === null ? null : day * DAY_MS });
    }
  }
  const out = [...groups.values()];
  for (const g of out) g.key = `${graphId}|${createHash('sha256').update(g.key).digest('base64url')}`;
  return out;
}
