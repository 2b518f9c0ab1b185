/**
 * The per-caller analysis quota (src/jobs/quota.ts) counted in Redis, so every API instance
 * sees the same count. One sorted set per caller: members `r:<token>` (a reservation, expiring
 * after RESERVATION_MS: a request that died holding it) and `a:<analysisId>` (an analysis,
 * with a day as a last-resort expiry), scored by expiry time. Finished analyses are pruned
 * (asked of Neo4j) before the check; the check and the reservation are one Lua script, so two
 * instances can never both slip under the limit.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { AnalysisQuota, UnfinishedAmong } from '../quota.js';

const RESERVATION_MS = 60_000;
const ANALYSIS_MS = 24 * 3600_000;

// KEYS[1] the caller's set; ARGV: now, max, member, expiry.
const RESERVE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[4], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ${ANALYSIS_MS})
return 1
`;

export class RedisQuota implements AnalysisQuota {
  constructor(
    readonly max: number,
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly unfinishedAmong: UnfinishedAmong,
  ) {}

  private key(caller: string): string {
    return `${this.prefix}:quota:${caller}`;
  }

  async reserve(caller: string): Promise<string | null> {
    const key = this.key(caller);
    const members = await this.redis.zrange(key, '0', '-1');
    const analyses = members.filter((m) => m.startsWith('a:'));
    const unfinished = await this.unfinishedAmong(analyses.map((m) => m.slice(2)));
    const finished = analyses.filter((m) => !unfinished.has(m.slice(2)));
    if (finished.length > 0) await this.redis.zrem(key, ...finished);
    const token = randomUUID();
    const now = Date.now();
    const ok = await this.redis.eval(RESERVE, 1, key, String(now), String(this.max), `r:${token}`, String(now + RESERVATION_MS));
    return ok === 1 ? token : null;
  }

  async bind(caller: string, token: string, analysisId: string): Promise<void> {
    await this.redis
      .multi()
      .zrem(this.key(caller), `r:${token}`)
      .zadd(this.key(caller), String(Date.now() + ANALYSIS_MS), `a:${analysisId}`)
      .exec();
  }

  async release(caller: string, token: string): Promise<void> {
    await this.redis.zrem(this.key(caller), `r:${token}`);
  }

  /**
   * Callers with a set in Redis over the whole fleet, once each set is pruned of expired
   * reservations and finished analyses (an emptied set is no key: Redis deletes it). A scan:
   * meant for metrics and tests, not for the request path.
   */
  async callers(): Promise<number> {
    let n = 0;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${this.key('')}*`, 'COUNT', 1000);
      for (const key of keys) if (await this.prune(key)) n += 1;
      cursor = next;
    } while (cursor !== '0');
    return n;
  }

  /** Drops the expired and finished members of one caller's set; whether anything is left. */
  private async prune(key: string): Promise<boolean> {
    await this.redis.zremrangebyscore(key, '-inf', String(Date.now()));
    const analyses = (await this.redis.zrange(key, '0', '-1')).filter((m) => m.startsWith('a:'));
    const unfinished = await this.unfinishedAmong(analyses.map((m) => m.slice(2)));
    const finished = analyses.filter((m) => !unfinished.has(m.slice(2)));
    if (finished.length > 0) await this.redis.zrem(key, ...finished);
    return (await this.redis.zcard(key)) > 0;
  }
}
