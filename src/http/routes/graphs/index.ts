/**
 * /v1/graphs: create, list, read (with counts) and delete interaction graphs.
 */
import { randomUUID } from 'node:crypto';
import { Type } from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import type { GraphStore } from '../../../store/port.js';
import { visibleGraphs } from '../../plugins/app/auth.js';
import { GraphIdParams, PageQuery, pageOf, problems } from '../../schemas.js';
import { CreateGraphBody, Graph, GraphWithCounts } from './schemas.js';

const graphRoutes: FastifyPluginAsync<{ store: GraphStore }> = async (app, { store }) => {
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
      const created = await store.createGraph({ id, name: req.body.name, description: req.body.description ?? null, fold: req.body.fold ?? 'none' });
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
};

export default routePlugin('graphs-routes', graphRoutes);
