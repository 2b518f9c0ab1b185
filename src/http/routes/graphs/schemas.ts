/**
 * TypeBox schemas of the graphs resource.
 */
import { Type } from 'typebox';
import { ID_PATTERN } from '../../schemas.js';

const FOLD_DESCRIPTION =
  'How interactions without an `id` are stored, fixed at creation. "none" (default): one relationship per event. ' +
  '"day": events with the same source, target, type, UTC day and sign of the weight are folded into one ' +
  'relationship holding their `count`, the sum of their weights and the start of the day as its time; ' +
  'analyses read the folded relationship as that many events (counts, weight sums and signs as if unfolded; ' +
  'first/last activity, time windows and time decay at the resolution of a day). Fewer relationships to write and to read ' +
  'when events repeat. Every ingest of events without ids into a folded graph must be replay-safe: JSON batches need an ' +
  'Idempotency-Key, streamed bodies an Upload-Id (400 NG_FOLD_UNGUARDED otherwise), so a retry never counts a batch twice.';
const Fold = Type.Union([Type.Literal('none'), Type.Literal('day')], { description: FOLD_DESCRIPTION });

const graphExample = {
  id: 'acme-forum',
  name: 'ACME community forum',
  description: 'Replies and mentions, 2026',
  createdAt: '2026-11-27T10:00:00.000Z',
  fold: 'none',
};

export const Graph = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    fold: Fold,
  },
  { title: 'Graph', examples: [graphExample] },
);

export const GraphWithCounts = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    fold: Fold,
    accounts: Type.Integer({ minimum: 0 }),
    interactions: Type.Integer({ minimum: 0, description: 'Stored interaction relationships (on a folded graph each holds `count` events).' }),
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
    fold: Type.Optional(Fold),
  },
  {
    title: 'CreateGraph',
    additionalProperties: false,
    examples: [{ id: 'acme-forum', name: 'ACME community forum', description: 'Replies and mentions, 2026' }],
  },
);
