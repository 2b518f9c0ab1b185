/**
 * `Idempotency-Key` on POST (create graph, ingest, start analysis): a retry with the same
 * key returns the first answer (status, body, Content-Type, Location, plus
 * `Idempotent-Replayed: true`) without applying anything again.
 *
 *   - Keys are per API key (two callers never share one) and kept in Neo4j
 *     (src/store/idempotency-store.ts) for IDEMPOTENCY_TTL_SECONDS, so they survive a
 *     restart; expired records are purged when the server starts listening and every 10 minutes.
 *   - Same key, different request (method, path with query, or JSON body) -> 422
 *     NG_IDEMPOTENCY_KEY_REUSED.
 *   - Concurrent duplicate: while the first request runs, the second gets 409
 *     NG_IDEMPOTENCY_IN_PROGRESS with Retry-After: 1 (it does not wait: a client retries).
 *   - Only final answers are recorded: 2xx, 3xx and the 4xx that describe the request
 *     itself (400, 404, 409 conflict, 413, ...). A retry-later answer releases the key, so
 *     a retry runs the request again: every 5xx, 408, 425 and 429 (a rate limit or the
 *     analyses-per-key quota, which clear with time), and any answer with Retry-After.
 *   - A request that dies without answering (crash) holds the key until
 *     IDEMPOTENCY_LOCK_SECONDS have passed; then a retry takes the key over.
 *
 * Validation runs before this hook, so a request rejected by its schema (400) records
 * nothing. The fingerprint is over the parsed JSON body, so the same document with its
 * keys in another order counts as a different request.
 */
import { Readable } from 'node:stream';
import { createHash, randomUUID } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Errors } from '../../../errors.js';
import type { IdempotencyStore } from '../../../store/idempotency-store.js';
import { IDEMPOTENCY_HEADER } from './route-defaults.js';

const VALID_KEY = /^[\x21-\x7e]{1,255}$/;
const KEPT_HEADERS = ['content-type', 'location'];
const PURGE_EVERY_MS = 10 * 60 * 1000;

export interface IdempotencyOptions {
  store: IdempotencyStore;
  ttlSeconds: number;
  lockSeconds: number;
}

interface Held {
  id: string;
  token: string;
}

/** Statuses that say "not now" rather than answer the request: never replayed. */
const RETRY_LATER = new Set([408, 425, 429]);

/** Whether an answer is the request's final one (recorded) or a retry-later one (released). */
export function isFinalAnswer(status: number, hasRetryAfter: boolean): boolean {
  return status < 500 && !RETRY_LATER.has(status) && !hasRetryAfter;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export default fp<IdempotencyOptions>(
  async function idempotency(app, options) {
    const held = new WeakMap<FastifyRequest, Held>();
    const { store } = options;

    app.addHook('preHandler', async (req, reply) => {
      if (req.method !== 'POST') return;
      const key = req.headers[IDEMPOTENCY_HEADER];
      if (key === undefined) return;
      if (typeof key !== 'string' || !VALID_KEY.test(key)) throw new Errors.IDEMPOTENCY_KEY_INVALID();
      // A streamed body is read by the handler, batch by batch: it cannot be fingerprinted first.
      if (req.body instanceof Readable) throw new Errors.IDEMPOTENCY_KEY_STREAMED();
      const owner = req.principal?.id ?? 'anonymous';
      const id = sha256(`${owner}\n${key}`);
      const fingerprint = sha256(`${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`);
      const token = randomUUID();
      const now = Date.now();
      const claim = await store.claim({
        id,
        token,
        fingerprint,
        now,
        lockedUntil: now + options.lockSeconds * 1000,
        expiresAt: now + options.ttlSeconds * 1000,
      });
      switch (claim.outcome) {
        case 'claimed':
          held.set(req, { id, token });
          return;
        case 'mismatch':
          throw new Errors.IDEMPOTENCY_KEY_REUSED();
        case 'in-progress':
          reply.header('retry-after', '1');
          throw new Errors.IDEMPOTENCY_IN_PROGRESS();
        case 'replay': {
          req.log.info({ status: claim.answer.status }, 'replayed the answer of an earlier request with this Idempotency-Key');
          for (const [name, value] of Object.entries(claim.answer.headers)) reply.header(name, value);
          reply.header('idempotent-replayed', 'true');
          return reply.code(claim.answer.status).send(claim.answer.body);
        }
      }
    });

    // Record (or release) the key before the answer leaves, so a retry that follows the
    // answer always finds it.
    app.addHook('onSend', async (req, reply: FastifyReply, payload: unknown) => {
      const claim = held.get(req);
      if (!claim) return payload;
      held.delete(req);
      const status = reply.statusCode;
      try {
        if (!isFinalAnswer(status, reply.hasHeader('retry-after')) || (typeof payload !== 'string' && !Buffer.isBuffer(payload))) {
          await store.release(claim.id, claim.token);
        } else {
          const headers: Record<string, string> = {};
          for (const name of KEPT_HEADERS) {
            const value = reply.getHeader(name);
            if (value !== undefined) headers[name] = String(value);
          }
          const body = typeof payload === 'string' ? payload : payload.toString('utf8');
          await store.complete(claim.id, claim.token, { status, body, headers }, Date.now() + options.ttlSeconds * 1000);
        }
      } catch (err) {
        // The answer still goes out; the key stays pending until its lock expires.
        req.log.error({ err }, 'could not record the Idempotency-Key answer');
      }
      return payload;
    });

    // A request that never reached onSend (aborted) frees its key for a retry.
    app.addHook('onResponse', async (req) => {
      const claim = held.get(req);
      if (!claim) return;
      held.delete(req);
      await store.release(claim.id, claim.token).catch((err: unknown) => req.log.error({ err }, 'could not release an Idempotency-Key'));
    });

    let timer: NodeJS.Timeout | undefined;
    const purge = async () => {
      try {
        const purged = await store.purgeExpired(Date.now());
        if (purged > 0) app.log.info({ purged }, 'purged expired Idempotency-Key records');
      } catch (err) {
        app.log.warn({ err }, 'could not purge expired Idempotency-Key records');
      }
    };
    // Only a listening server purges (not tests with inject, nor spec generation);
    // store.init() is the caller's job, like the graph store's.
    app.addHook('onListen', async () => {
      await purge();
      timer = setInterval(() => void purge(), PURGE_EVERY_MS);
      timer.unref();
    });
    app.addHook('onClose', async () => {
      if (timer) clearInterval(timer);
    });
  },
  // Keys are per API key, so the caller is known first; the answers it records are the
  // problem answers of the plugins before it too.
  { name: 'idempotency', fastify: '5.x', dependencies: ['problems', 'auth'] },
);
