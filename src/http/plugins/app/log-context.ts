/**
 * Every log line of a request carries the ids it is about: keyId (the API key, never
 * the key itself), graphId and analysisId from the path. Runs after authentication.
 */
import fp from 'fastify-plugin';

export default fp(
  async function logContext(app) {
    app.addHook('onRequest', async (req, reply) => {
      const params = (req.params ?? {}) as Record<string, unknown>;
      const bindings: Record<string, string> = {};
      const keyId = req.principal?.id;
      if (keyId !== undefined && keyId !== 'anonymous') bindings.keyId = keyId;
      if (typeof params.graphId === 'string') bindings.graphId = params.graphId;
      if (typeof params.analysisId === 'string') bindings.analysisId = params.analysisId;
      if (Object.keys(bindings).length === 0) return;
      req.log = req.log.child(bindings);
      reply.log = req.log;
    });
  },
  { name: 'log-context', fastify: '5.x', dependencies: ['auth'] },
);
