/**
 * Per-caller analysis quota: at most `max` analyses of one API key (or client address) queued
 * or running at once. A request reserves a slot before it stores anything (so concurrent
 * requests cannot both slip under the limit), turns it into the analysis it created, or gives
 * it back. Whether an analysis still counts is asked of the system of record (Neo4j: queued or
 * running), so a slot is freed whichever process or worker finished it.
 *
 * MemoryQuota counts in this process (the embedded mode); RedisQuota (fleet/redis-quota.ts)
 * counts in Redis, shared by every API instance.
 */
import { randomUUID } from 'node:crypto';

export interface AnalysisQuota {
  readonly max: number;
  /** A slot for `caller`, or null when `max` of its analyses are unfinished or reserved. */
  reserve(caller: string): Promise<string | null>;
  /** The reservation became `analysisId`: the slot is held until the analysis finishes. */
  bind(caller: string, token: string, analysisId: string): Promise<void>;
  /** Gives a reservation back (the request created nothing). */
  release(caller: string, token: string): Promise<void>;
  /** How many callers are tracked: those with an unfinished analysis or a reservation (finished ones are forgotten first). */
  callers(): Promise<number>;
}

/** The ids among `analysisIds` still queued or running (GraphStore.unfinishedAnalyses: one lookup). */
export type UnfinishedAmong = (analysisIds: readonly string[]) => Promise<ReadonlySet<string>>;

/**
 * `unfinishedAmong` where a lookup that fails (the store briefly unreachable or saturated)
 * counts every analysis asked about as unfinished: the slots stay held until a later check
 * can tell, so a failed lookup never turns a caller's new request into an error, and the
 * quota can only over-count, never let a caller past its limit.
 */
export function unfinishedUnlessKnown(unfinishedAmong: UnfinishedAmong, onError: (err: unknown, analysisIds: readonly string[]) => void): UnfinishedAmong {
  return async (analysisIds) => {
    if (analysisIds.length === 0) return new Set();
    try {
      return await unfinishedAmong(analysisIds);
    } catch (err) {
      onError(err, analysisIds);
      return new Set(analysisIds);
    }
  };
}

/**
 * Entries of a caller with nothing unfinished and nothing reserved are deleted, so the maps
 * hold the callers with work in progress, not every caller ever seen.
 */
export class MemoryQuota implements AnalysisQuota {
  /** caller -> analysis ids holding a slot; reservations apart. */
  private readonly active = new Map<string, Set<string>>();
  private readonly reserved = new Map<string, Set<string>>();

  constructor(
    readonly max: number,
    private readonly unfinishedAmong: UnfinishedAmong,
  ) {}

  async reserve(caller: string): Promise<string | null> {
    const ids = [...(this.active.get(caller) ?? [])];
    const unfinished = await this.unfinishedAmong(ids);
    // From here to the end nothing awaits: the check and the reservation are one step.
    const active = this.active.get(caller);
    if (active) {
      for (const id of ids) if (!unfinished.has(id)) active.delete(id);
      if (active.size === 0) this.active.delete(caller);
    }
    const reserved = this.reserved.get(caller) ?? new Set<string>();
    if ((active?.size ?? 0) + reserved.size >= this.max) return null;
    const token = randomUUID();
    reserved.add(token);
    this.reserved.set(caller, reserved);
    return token;
  }

  async bind(caller: string, token: string, analysisId: string): Promise<void> {
    this.unreserve(caller, token);
    const active = this.active.get(caller) ?? new Set<string>();
    active.add(analysisId);
    this.active.set(caller, active);
  }

  async release(caller: string, token: string): Promise<void> {
    this.unreserve(caller, token);
  }

  async callers(): Promise<number> {
    for (const [caller, ids] of [...this.active]) {
      const list = [...ids];
      const unfinished = await this.unfinishedAmong(list);
      for (const id of list) if (!unfinished.has(id)) ids.delete(id);
      if (ids.size === 0 && this.active.get(caller) === ids) this.active.delete(caller);
    }
    return new Set([...this.active.keys(), ...this.reserved.keys()]).size;
  }

  private unreserve(caller: string, token: string): void {
    const reserved = this.reserved.get(caller);
    if (!reserved) return;
    reserved.delete(token);
    if (reserved.size === 0) this.reserved.delete(caller);
  }
}
