/**
 * What every route shares, added when a route is registered (an onRoute hook), so the
 * route files stay about their resource:
 *   - the problem answers any route can give: 401/403 (API keys), 429 (rate limit),
 *     503 (Neo4j unavailable, overload, shutdown), and on POST 409/422 (Idempotency-Key);
 *   - the Idempotency-Key header on POST, declared and validated;
 *   - the OpenAPI security requirement: bearer key, except on open routes (`security: []`);
 *   - open routes (health, docs) are never shed by the overload guard.
 * Fastify runs an onRoute hook for the routes added after it: every route plugin declares
 * this one as a dependency (src/http/route-plugin.ts), and so does swagger, which reads the
 * schemas it completes.
 */
import fp from 'fastify-plugin';
import type { RouteOptions } from 'fastify';
import { isOpenRoute } from '../../open-routes.js';
import { problems } from '../../schemas.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7e]{1,255}$';

type Schema = Record<string, unknown> & { response?: Record<string | number, unknown>; hide?: boolean };

function addMissing(target: Record<string | number, unknown>, extra: Record<number, unknown>): void {
  for (const [status, value] of Object.entries(extra)) if (!(status in target)) target[status] = value;
}

export default fp(
  async function routeDefaults(app) {
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const open = isOpenRoute(route.url);
      if (open) {
        // Liveness and readiness must answer even when the service sheds load.
        route.config = { ...(route.config as object), pressureHandler: () => undefined } as typeof route.config;
      }
      const schema = route.schema as Schema | undefined;
      if (!schema || schema.hide) return;
      if (open) {
        schema.security = [];
        return;
      }
      schema.response ??= {};
      addMissing(schema.response, problems(401, 403, 429, 503));
      // The router refuses a path parameter longer than maxParamLength (512, src/app.ts) with 414.
      if (route.url.includes(':')) addMissing(schema.response, problems(414));
      if (methods.includes('POST')) {
        addMissing(schema.response, problems(409, 422));
        if (!schema.headers) {
          schema.headers = {
            type: 'object',
            properties: {
              [IDEMPOTENCY_HEADER]: {
                type: 'string',
                pattern: IDEMPOTENCY_KEY_PATTERN,
                description:
                  'Makes the POST safe to retry: a retry with the same key (and the same body) returns the first answer ' +
                  'without applying anything again. Kept IDEMPOTENCY_TTL_SECONDS (default 24 h).',
              },
            },
          };
        }
      }
    });
  },
  // Its problem answers refer to the shared Problem schema.
  { name: 'route-defaults', fastify: '5.x', dependencies: ['problems'] },
);
