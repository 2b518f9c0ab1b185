/**
 * /v1/graphs: create, list, read (with counts) and delete interaction graphs.
 */
import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../errors.js';
import type { GraphStore } from '../store/port.js';
import { visibleGraphs } from './auth.js';
import { GraphIdParams, ID_PATTERN, PageQuery, pageOf, problems } from './schemas.js';

const graphExample = {
  id: 'acme-forum',
  name: 'ACME community forum',
  description: 'Replies and mentions, 2026',
  createdAt: '2026-11-27T10:00:00.000Z',
};

export const Graph = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'Graph', examples: [graphExample] },
);

export const GraphWithCounts = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    accounts: Type.Integer({ minimum: 0 }),
    interactions: Type.Integer({ minimum: 0 }),
    version: Type.Integer({
      minimum: 0,
      description:
        'Raised by every ingestion request into the graph (0 before the first). An analysis reports the `graphVersion` it read: when it is below this, data arrived since.',
    }),
  },
  { title: 'GraphWithCounts', examples: [{ ...graphExample, accounts: 3000, interactions: 71234, version: 12 }] },
);

export const CreateGraphBody = Type.Object(
  {
    id: Type.Optional(
      Type.String({ pattern: ID_PATTERN, description: '1-64 of [A-Za-z0-9_-]; generated when absent.' }),
    ),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  {
    title: 'CreateGraph',
    additionalProperties: false,
    examples: [{ id: 'acme-forum', name: 'ACME community forum', description: 'Replies and mentions, 2026' }],
  },
);

export function graphRoutes(app: FastifyInstance, store: GraphStore): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/v1/graphs',
    {
      schema: {
        operationId: 'createGraph',
        tags: ['graphs'],
        summary: 'Create a graph',
        body: CreateGraphBody,
        response: { 201: Graph, ...problems(400, 409, 413, 415) },
      },
    },
    async (req, reply) => {
      const id = req.body.id ?? randomUUID();
      const created = await store.createGraph({ id, name: req.body.name, description: req.body.description ?? null });
      if (!created) throw new Errors.GRAPH_EXISTS(id);
      req.log.info({ graphId: id }, 'graph created');
      return reply.code(201).header('location', `/v1/graphs/${encodeURIComponent(id)}`).send(created);
    },
  );

  r.get(
    '/v1/graphs',
    {
      schema: {
        operationId: 'listGraphs',
        tags: ['graphs'],
        summary: 'List graphs, oldest first',
        querystring: PageQuery,
        response: { 200: pageOf(Graph, 'GraphPage'), ...problems(400) },
      },
    },
    async (req) => {
      const page = await store.listGraphs(req.query, visibleGraphs(req));
      return { ...page, limit: req.query.limit, offset: req.query.offset };
    },
  );

  r.get(
    '/v1/graphs/:graphId',
    {
      schema: {
        operationId: 'getGraph',
        tags: ['graphs'],
        summary: 'Read a graph with its counts of accounts and interactions',
        params: GraphIdParams,
        response: { 200: GraphWithCounts, ...problems(400, 404) },
      },
    },
    async (req) => {
      const graph = await store.getGraph(req.params.graphId);
      if (!graph) throw new Errors.GRAPH_NOT_FOUND(req.params.graphId);
      return graph;
    },
  );

  r.delete(
    '/v1/graphs/:graphId',
    {
      schema: {
        operationId: 'deleteGraph',
        tags: ['graphs'],
        summary: 'Delete a graph with its accounts, interactions, analyses and niches',
        params: GraphIdParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problems(400, 404) },
      },
    },
    async (req, reply) => {
      const deleted = await store.deleteGraph(req.params.graphId);
      if (!deleted) throw new Errors.GRAPH_NOT_FOUND(req.params.graphId);
      req.log.info({ graphId: req.params.graphId }, 'graph deleted');
      return reply.code(204).send(null);
    },
  );
}
