/**
 * DELETE /v1/graphs/{graphId}/accounts/{accountId}: the right to erasure (src/store/erasure.ts).
 *
 * The account, every interaction it sent or received and every trace of it in stored
 * results go, and the erasure ledger keeps it erased: later uploads naming it store none of
 * its interactions (counted as `suppressed`). 204 whether or not the account existed (an
 * erasure may come before the data), and again for an account already erased; 404 only for
 * an unknown graph. The account id never reaches a log: the request line is logged with the
 * id replaced, and the erasure is named by a prefix of its ledger HMAC.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import { erasureLogId, type ErasureKeys } from '../../../store/erasure-keys.js';
import type { GraphStore } from '../../../store/port.js';
import { problems } from '../../schemas.js';
import { redactedRequestLog } from '../../redacted-log.js';
import { ErasureParams } from './schemas.js';

export interface AccountRoutesOptions {
  store: GraphStore;
  /** The ledger's keys, to name an erasure in logs without its id. */
  erasureKeys: ErasureKeys | null;
}

const accountRoutes: FastifyPluginAsync<AccountRoutesOptions> = async (app, { store, erasureKeys }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.delete(
    '/v1/graphs/:graphId/accounts/:accountId',
    {
      logSerializers: redactedRequestLog,
      schema: {
        operationId: 'eraseAccount',
        tags: ['accounts'],
        summary: 'Erase an account: its interactions and every trace in stored results (right to erasure)',
        description:
          'Removes the account, every interaction it sent or received, and every trace of it in the stored results ' +
          'of the graph\'s analyses (its membership and scores, the trusted lists, other members\' top ties, bridges, ' +
          'the analysed ties, niche member lists and IN_NICHE relationships; exports and the explorer read these), ' +
          'and replaces the id in stored Idempotency-Key answers. The results\' ETags change. Niche figures are not ' +
          'recomputed: a niche that lost a member is marked `redacted: true` and keeps the figures its analysis ' +
          'computed (with the erased account\'s interactions); the trusted list follows the analysis\' rule again; ' +
          'the analysis counts `erasures`. A new analysis gives exact figures without the account.\n\n' +
          'An erasure ledger (an HMAC of graph and account id under the server\'s ERASURE_SECRET, never the id) keeps ' +
          'the account erased: later uploads (JSON, NDJSON, CSV) naming it store none of its interactions and count ' +
          'them as `suppressed`. Idempotent: 204 for an unknown or already erased account too (the ledger entry is ' +
          'written either way, so data that arrives later is suppressed). The ledger entry is written first: an ' +
          'erasure cut off half-way (503, a crash) keeps the account suppressed, and repeating the DELETE completes it.',
        params: ErasureParams,
        response: { 204: Type.Null({ description: 'Erased (or nothing to erase)' }), ...problems(400, 404) },
      },
    },
    async (req, reply) => {
      const { graphId, accountId } = req.params;
      const erasure = erasureKeys ? erasureLogId(erasureKeys, graphId, accountId) : 'unkeyed';
      const done = await store.eraseAccount(graphId, accountId);
      if (!done) throw new Errors.GRAPH_NOT_FOUND(graphId);
      req.log.info({ erasure, redactedAnalyses: done.redactedAnalyses.length }, 'account erased');
      return reply.code(204).send(null);
    },
  );
};

export default routePlugin('accounts-routes', accountRoutes);
