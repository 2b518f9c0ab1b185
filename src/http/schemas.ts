/**
 * TypeBox schemas shared by several resources: problems, paging, identifiers.
 * Each resource's own schemas live beside its routes.
 */
import { Type, type Static } from 'typebox';

export const ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

export const Problem = Type.Object(
  {
    type: Type.String({ description: 'URI identifying the problem type; ends with the stable code in kebab case.' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.String({ description: 'The request path.' }),
    code: Type.String({ description: 'Stable machine-readable code, e.g. NG_GRAPH_NOT_FOUND.' }),
    requestId: Type.String(),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          in: Type.String({ description: 'body, querystring, params or headers' }),
          pointer: Type.String({ description: 'JSON Pointer of the offending value, e.g. /interactions/3/weight' }),
          field: Type.String({ description: 'Dotted name, e.g. interactions[3].weight' }),
          index: Type.Optional(Type.Integer({ description: 'Index of the offending item in its array' })),
          message: Type.String(),
        }),
      ),
    ),
  },
  {
    $id: 'Problem',
    title: 'Problem',
    description: 'RFC 9457 problem details (application/problem+json).',
    examples: [
      {
        type: 'https://nichegraph.dev/problems/ng-graph-not-found',
        title: 'Not Found',
        status: 404,
        detail: "Graph 'acme' does not exist",
        instance: '/v1/graphs/acme',
        code: 'NG_GRAPH_NOT_FOUND',
        requestId: 'req-1',
      },
    ],
  },
);

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: every offending field is listed in `errors`',
  401: 'Missing or unknown API key (send Authorization: Bearer <key>)',
  403: 'The API key lacks the scope (or graph) this needs',
  404: 'Unknown resource',
  409: 'Conflict with the current state (or a request with the same Idempotency-Key is still running)',
  413: 'Body or batch too large',
  414: 'A path parameter is longer than the router accepts',
  415: 'Unsupported Content-Type',
  422: 'Idempotency-Key reused with a different request',
  429: 'Rate limit or analyses-per-key limit reached; retry after Retry-After seconds',
  503: 'Neo4j unavailable, service overloaded or shutting down; retry after Retry-After seconds',
};

/**
 * Declares the problem answers of a route, as application/problem+json referring to
 * the shared Problem schema (registered once with app.addSchema).
 */
export function problems(...statuses: number[]) {
  const out: Record<number, { description: string; content: Record<string, { schema: { $ref: string } }> }> = {};
  for (const s of statuses) {
    out[s] = {
      description: PROBLEM_DESCRIPTIONS[s] ?? 'Problem',
      content: { 'application/problem+json': { schema: { $ref: 'Problem#' } } },
    };
  }
  return out;
}

export const PageQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'Items per page.' }),
  offset: Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0, description: 'Items to skip.' }),
});
export type PageQuery = Static<typeof PageQuery>;

export function pageOf<T extends ReturnType<typeof Type.Object>>(item: T, title: string) {
  return Type.Object(
    {
      total: Type.Integer({ minimum: 0 }),
      limit: Type.Integer(),
      offset: Type.Integer(),
      items: Type.Array(item),
    },
    { title },
  );
}

export const GraphIdParams = Type.Object({
  graphId: Type.String({ pattern: ID_PATTERN, description: 'Graph id.' }),
});

export const AnalysisIdParams = Type.Object({
  analysisId: Type.String({ pattern: ID_PATTERN, description: 'Analysis id.' }),
});

export const ProblemJson = 'application/problem+json';
