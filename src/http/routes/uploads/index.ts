/**
 * GET /v1/graphs/{graphId}/uploads/{uploadId}: what a resumable streamed upload (an
 * interactions stream sent with an Upload-Id; src/store/uploads.ts) has committed, read from
 * the progress record its batches move in their own transactions.
 */
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import type { GraphStore } from '../../../store/port.js';
import { problems } from '../../schemas.js';
import { UploadParams, UploadProgress } from '../interactions/schemas.js';

const uploadRoutes: FastifyPluginAsync<{ store: GraphStore }> = async (app, { store }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/v1/graphs/:graphId/uploads/:uploadId',
    {
      schema: {
        operationId: 'getUpload',
        tags: ['interactions'],
        summary: 'What a resumable streamed upload has committed',
        description:
          'The progress of an interactions stream sent with an `Upload-Id`: `rows` is exactly the number of leading ' +
          'data rows of the body that are committed (whole batches of `batchRows`), whatever failed afterwards. ' +
          'Re-send the same body with the same Upload-Id to store the rest: the committed rows are skipped. ' +
          '404 NG_UPLOAD_NOT_FOUND when no batch of it is committed (start from the beginning) or the graph is unknown.',
        params: UploadParams,
        response: { 200: UploadProgress, ...problems(400, 404) },
      },
    },
    async (req, reply) => {
      const { graphId, uploadId } = req.params;
      const progress = await store.uploadProgress(graphId, uploadId);
      if (!progress) {
        if (!(await store.graphExists(graphId))) throw new Errors.GRAPH_NOT_FOUND(graphId);
        throw new Errors.UPLOAD_NOT_FOUND(uploadId, graphId);
      }
      reply.header('cache-control', 'no-store');
      const { digest: _digest, ...shown } = progress;
      return shown;
    },
  );
};

export default routePlugin('uploads-routes', uploadRoutes);
