/**
 * Redis connections of the fleet mode (REDIS_URL), with the options each role needs, and the
 * names of everything nichegraph keeps there (all under one prefix, REDIS_PREFIX):
 *   <prefix>:analyses:*        the BullMQ queue of analyses (job id = analysis id)
 *   <prefix>:cancel            pub/sub: an analysis id to cancel (every worker listens)
 *   <prefix>:cancel:<id>       the same, as a key (1 h), for a worker that takes the job later
 *   <prefix>:finished          pub/sub: an analysis id that has finished (API instances listen: ?wait)
 *   <prefix>:quota:<caller>    analyses per API key (redis-quota.ts)
 *   <prefix>:rate:*            @fastify/rate-limit's counters
 */
import { Redis, type RedisOptions } from 'ioredis';

export const QUEUE_NAME = 'analyses';

export interface FleetNames {
  prefix: string;
  cancelChannel: string;
  finishedChannel: string;
  cancelKey(analysisId: string): string;
  /** The lease owner of analyses waiting in the shared queue (no expiry: Redis holds them). */
  queueOwner: string;
}

export function fleetNames(prefix: string): FleetNames {
  return {
    prefix,
    cancelChannel: `${prefix}:cancel`,
    finishedChannel: `${prefix}:finished`,
    cancelKey: (id) => `${prefix}:cancel:${id}`,
    queueOwner: `queue:${prefix}:${QUEUE_NAME}`,
  };
}

/**
 * Roles: `command` (API side: fail fast while Redis is away, so a request answers 503 instead
 * of hanging; reconnects by itself), `blocking` (BullMQ workers: retry forever, as BullMQ
 * requires), `subscriber` (pub/sub; resubscribes after a reconnect).
 */
export function redisClient(url: string, role: 'command' | 'blocking' | 'subscriber', name: string): Redis {
  const common: RedisOptions = {
    connectionName: name,
    connectTimeout: 2000,
    // Reconnect quickly after Redis comes back (at most 1 s between attempts).
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 5), 1000),
    lazyConnect: false,
  };
  const byRole: Record<typeof role, RedisOptions> = {
    command: { enableOfflineQueue: false, maxRetriesPerRequest: 1 },
    blocking: { maxRetriesPerRequest: null },
    subscriber: { maxRetriesPerRequest: null },
  };
  const client = new Redis(url, { ...common, ...byRole[role] });
  // Errors are reported by the calls that fail; without a listener ioredis would print each reconnect attempt.
  client.on('error', () => {});
  return client;
}

/** Resolves once the client is connected (or rejects after `timeoutMs`). */
export async function connected(client: Redis, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
    };
    client.on('ready', onReady);
  });
}
