/**
 * TypeBox schemas of the graphs resource.
 */
import { Type } from 'typebox';
import { ID_PATTERN } from '../../schemas.js';

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
