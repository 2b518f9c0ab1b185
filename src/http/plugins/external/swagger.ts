/**
 * The API description: OpenAPI 3.1 generated from the route schemas (@fastify/swagger),
 * served as /openapi.yaml and browsable at /docs. scripts/openapi.ts writes the same
 * document to openapi.yaml and fails the tests when the committed file drifts. Swagger
 * collects the routes added after it, so it is registered before the route plugins.
 */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';

export const API_VERSION = '1.0.0';

export default fp(
  async function openApi(app) {
    await app.register(swagger, {
      // Shared schemas (app.addSchema with an $id) become components named by their $id.
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
      },
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'nichegraph',
          version: API_VERSION,
          description:
            'Finds conversational niches (Louvain communities) in interaction graphs and, inside each niche, the ' +
            'members their circle trusts (nano-influencers). Errors are RFC 9457 application/problem+json.',
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [{ url: 'http://127.0.0.1:3000', description: 'local' }],
        // Every route needs a key unless it says `security: []` (health); see plugins/app/auth.ts.
        components: {
          securitySchemes: {
            bearerAuth: {
              type: 'http',
              scheme: 'bearer',
              description: 'API key; scopes read (GET), write (POST/DELETE), admin (/metrics). API_KEYS holds SHA-256 hashes of the keys.',
            },
          },
        },
        security: [{ bearerAuth: [] }],
        tags: [
          { name: 'graphs', description: 'Interaction graphs' },
          { name: 'interactions', description: 'Ingestion' },
          { name: 'analyses', description: 'Niche and trust analyses' },
          { name: 'results', description: 'Niches, members and accounts of a finished analysis' },
          { name: 'health', description: 'Liveness and readiness' },
        ],
      },
    });
    await app.register(swaggerUi, { routePrefix: '/docs' });

    app.get('/openapi.yaml', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('application/yaml; charset=utf-8').send(app.swagger({ yaml: true })),
    );
  },
  // route-defaults completes each route's schema (problems, security) as it is added.
  { name: 'swagger', fastify: '5.x', dependencies: ['problems', 'route-defaults'] },
);
