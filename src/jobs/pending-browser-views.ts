/**
 * At boot: the Browser views no live process is writing (a runner or a fleet worker died
 * writing them, or a materialization gave up and marked one 'failed'), materialized again
 * one after another from the stored results (store/browser-view.ts). server.ts runs it at
 * every start, standalone or in fleet mode; a fleet worker (jobs/fleet/fleet-worker.ts) once
 * it takes jobs, since in fleet mode workers write the views, and every lease period for the
 * views whose writer died (a worker abandoned at shutdown leaves its view pending under a
 * lease of its own: a worker starting before that lease ran out did not see it). Several processes running it
 * at once is safe: each view is claimed by one materialization, the others find it held.
 * In the background: the results routes do not need the views.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { GraphStore } from '../store/port.js';

/**
 * Resolves with how many views were materialized ('written'); never rejects (logs instead).
 * `stopped`: asked before each view (a closing process starts no new one); `failed: false`:
 * only the views whose writer died (the fleet worker's periodic sweep), not those a write
 * gave up on (retried at a start only, so a write that keeps failing is not repeated
 * every few seconds).
 */
export async function writePendingBrowserViews(
  store: Pick<GraphStore, 'browserViewsToWrite' | 'materializeBrowserView'>,
  owner: string,
  now: number,
  log: FastifyBaseLogger,
  options: { stopped?: () => boolean; failed?: boolean } = {},
): Promise<number> {
  let written = 0;
  const stopped = options.stopped ?? (() => false);
  try {
    for (const analysisId of await store.browserViewsToWrite(now, { failed: options.failed !== false })) {
      if (stopped()) break;
      const outcome = await store.materializeBrowserView(analysisId, owner);
      if (outcome === 'written') written++;
      log.info({ analysisId, browserView: outcome }, 'Browser view written again from the stored result');
    }
  } catch (err) {
    log.error({ err }, 'could not write the pending Browser views');
  }
  return written;
}
