/**
 * The overload guard (@fastify/under-pressure): while the event loop lags more than
 * MAX_EVENT_LOOP_DELAY_MS, or the heap holds more than MAX_HEAP_USED_BYTES, requests get
 * 503 NG_OVERLOADED with Retry-After instead of queueing behind a frozen loop. Open routes
 * (health) are never shed: route-defaults gives them their own pressure handler.
 */
import fp from 'fastify-plugin';
import underPressure from '@fastify/under-pressure';
import type { Config } from '../../../config.js';
import { Errors } from '../../../errors.js';

export const OVERLOAD_RETRY_AFTER_SECONDS = 10;

export type OverloadOptions = Pick<Config, 'MAX_EVENT_LOOP_DELAY_MS' | 'MAX_HEAP_USED_BYTES'>;

export default fp<OverloadOptions>(
  async function overloadGuard(app, config) {
    await app.register(underPressure, {
      maxEventLoopDelay: config.MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: config.MAX_HEAP_USED_BYTES,
      retryAfter: OVERLOAD_RETRY_AFTER_SECONDS,
      customError: Errors.OVERLOADED,
    });
  },
  // Its 503 is a problem answer; a closing service says so before it measures load.
  { name: 'overload-guard', fastify: '5.x', dependencies: ['problems', 'shutdown-guard', 'route-defaults'] },
);
