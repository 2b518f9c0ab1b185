/**
 * POST /v1/graphs/{graphId}/interactions: one atomic batch of interactions (and accounts).
 *
 * The JSON schema checks shapes; the rules a schema cannot say (non-zero weight, a
 * parseable timestamp, no self-interaction) are checked here, and every offending item
 * is reported at once. Nothing of a batch is stored unless all of it is valid.
 * Self-interactions are rejected: a loop says nothing about how others treat an account.
 */
import { Type, type Static } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors, ValidationFailure, type FieldError } from '../errors.js';
import type { AccountInput, GraphStore, InteractionInput } from '../store/port.js';
import { GraphIdParams, problems } from './schemas.js';
import { parseTimestamp } from './timestamps.js';
import { CSV, NDJSON, ingestStream, isStreamed, registerStreamParsers, type StreamLimits } from './interactions-stream.js';

export const TYPE_PATTERN = '^[a-z_]{1,32}$';

const AccountId = Type.String({ minLength: 1, maxLength: 256, description: 'Account id, 1-256 characters.' });

export const Interaction = Type.Object(
  {
    source: AccountId,
    target: AccountId,
    type: Type.Optional(
      Type.String({ pattern: TYPE_PATTERN, description: 'reply, mention, share, message, rating, ...; default "interaction".' }),
    ),
    weight: Type.Optional(
      Type.Number({ description: 'Finite and non-zero; default 1. Negative = dispute, complaint, distrust.' }),
    ),
    timestamp: Type.Optional(
      Type.Union([Type.Integer({ minimum: 0 }), Type.String({ maxLength: 40 })], {
        description: 'ISO 8601 date-time with a time zone (e.g. 2026-11-27T10:00:00Z) or epoch milliseconds.',
      }),
    ),
    id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, description: 'Event id; an event with an id is stored once per graph.' }),
    ),
  },
  { title: 'Interaction', additionalProperties: false },
);

export const Account = Type.Object(
  {
    id: AccountId,
    properties: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$' }), Type.Union([Type.String({ maxLength: 1000 }), Type.Number(), Type.Boolean()]), {
        maxProperties: 50,
        additionalProperties: false,
        description: 'Flat map of primitive values, stored on the account node (names id and graphId are reserved).',
      }),
    ),
  },
  { title: 'Account', additionalProperties: false },
);

export const IngestBody = Type.Object(
  {
    interactions: Type.Array(Interaction, { description: 'At most MAX_BATCH_ITEMS (default 50,000) items.' }),
    accounts: Type.Optional(Type.Array(Account, { description: 'At most MAX_BATCH_ITEMS items.' })),
  },
  {
    title: 'InteractionBatch',
    additionalProperties: false,
    examples: [
      {
        interactions: [
          { id: 'e1', source: 'alice', target: 'bob', type: 'reply', timestamp: '2026-11-20T09:30:00Z' },
          { id: 'e2', source: 'bob', target: 'alice', type: 'mention', weight: 2, timestamp: 1763631000000 },
          { id: 'e3', source: 'carol', target: 'bob', type: 'rating', weight: -3 },
        ],
        accounts: [{ id: 'alice', properties: { handle: '@alice' } }],
      },
    ],
  },
);
type IngestBody = Static<typeof IngestBody>;

export const IngestResult = Type.Object(
  {
    received: Type.Integer({ description: 'Interactions in the request.' }),
    stored: Type.Integer({ description: 'Interactions newly stored.' }),
    duplicates: Type.Integer({ description: 'Interactions whose id was already stored (or repeated in this batch).' }),
    batches: Type.Optional(Type.Integer({ description: 'Streamed bodies only: batches (transactions) committed.' })),
  },
  { title: 'IngestResult', examples: [{ received: 3, stored: 3, duplicates: 0 }] },
);

const RESERVED_PROPERTIES = new Set(['id', 'graphId']);

/** Checks what the schema cannot, and turns the batch into store inputs. */
export function toStoreBatch(body: IngestBody): { interactions: InteractionInput[]; accounts: AccountInput[] } {
  const errors: FieldError[] = [];
  const fail = (array: string, index: number, key: string, message: string) =>
    errors.push({ in: 'body', pointer: `/${array}/${index}/${key}`, index, field: `${array}[${index}].${key}`, message });

  const interactions: InteractionInput[] = new Array(body.interactions.length);
  body.interactions.forEach((it, i) => {
    const weight = it.weight ?? 1;
    if (!Number.isFinite(weight) || weight === 0) fail('interactions', i, 'weight', 'must be a finite, non-zero number');
    if (it.source === it.target) fail('interactions', i, 'target', 'must differ from source (self-interactions are rejected)');
    let timestamp: number | null = null;
    if (it.timestamp !== undefined) {
      timestamp = parseTimestamp(it.timestamp);
      if (timestamp === null) {
        fail('interactions', i, 'timestamp', 'must be an ISO 8601 date-time with a time zone, or epoch milliseconds');
      }
    }
    interactions[i] = { id: it.id ?? null, source: it.source, target: it.target, type: it.type ?? 'interaction', weight, timestamp };
  });

  const accounts: AccountInput[] = (body.accounts ?? []).map((a, i) => {
    const properties = a.properties ?? {};
    for (const key of Object.keys(properties)) {
      if (RESERVED_PROPERTIES.has(key)) fail('accounts', i, `properties/${key}`, 'is a reserved property name');
    }
    return { id: a.id, properties };
  });

  if (errors.length > 0) throw new ValidationFailure(errors);
  return { interactions, accounts };
}

// No type: the parser hands the raw stream over, which ingestStream validates line by line.
const StreamBody = (what: string) => ({ description: what });

export function interactionRoutes(
  app: FastifyInstance,
  store: GraphStore,
  limits: { maxItems: number; bodyLimit: number; stream?: StreamLimits },
): void {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const stream = limits.stream ?? { batchRows: 10_000, maxRows: 20_000_000, maxBytes: 4 * 1024 * 1024 * 1024 };
  registerStreamParsers(app, '/v1/graphs/:graphId/interactions');

  r.post(
    '/v1/graphs/:graphId/interactions',
    {
      bodyLimit: limits.bodyLimit,
      schema: {
        operationId: 'ingestInteractions',
        tags: ['interactions'],
        summary: 'Store a batch of interactions atomically',
        description:
          `One batch is one transaction: any invalid item gives 400 listing every offending index and field, and nothing ` +
          `of the batch is stored. At most ${limits.maxItems} interactions and ${limits.maxItems} accounts per request ` +
          `(413 above), and at most ${limits.bodyLimit} bytes. Accounts named by interactions are created implicitly. ` +
          `An interaction with an id is stored once per graph: a replay counts as a duplicate. Self-interactions are rejected.\n\n` +
          `Streamed bodies: \`${NDJSON}\` (one Interaction object per line) or \`${CSV}\` (a header line naming the ` +
          `columns source,target and optionally type,weight,timestamp,id; empty cells = absent). The body is read with ` +
          `backpressure and stored in batches of ${stream.batchRows} rows, one transaction each, while the next batch is ` +
          `read; at most ${stream.maxRows} rows and ${stream.maxBytes} bytes per body (413 above). The answer adds ` +
          `\`batches\`. Rows are validated like JSON items. If a row is invalid, the batch holding it and everything ` +
          `after it are not stored and every earlier batch is committed: batch k holds data rows ` +
          `(k-1)*${stream.batchRows}+1 .. k*${stream.batchRows} (blank lines and the CSV header are not rows). The 400 ` +
          `lists every invalid row of that batch (at most 100) with \`index\` = its 1-based line number in the body ` +
          `(header included), and \`detail\` says how many rows and batches were committed. Going over the row or ` +
          `byte cap is the same (413, earlier batches kept); so is a database failure in batch k (batches before k ` +
          `kept). Interactions with ids make re-sending the whole body after a failure safe.`,
        params: GraphIdParams,
        body: {
          content: {
            'application/json': { schema: IngestBody },
            [NDJSON]: { schema: StreamBody('One Interaction object per line.') },
            [CSV]: { schema: StreamBody('Header source,target[,type,weight,timestamp,id], then one interaction per line.') },
          },
        } as unknown as typeof IngestBody,
        response: { 200: IngestResult, ...problems(400, 404, 413, 415) },
      },
      // Counted before schema validation, so an oversized batch gets 413, not a slow 400.
      preValidation: async (req) => {
        const body = req.body as Partial<IngestBody> | null;
        for (const key of ['interactions', 'accounts'] as const) {
          const items = body?.[key];
          if (Array.isArray(items) && items.length > limits.maxItems) {
            throw new Errors.BATCH_TOO_LARGE(limits.maxItems, key, items.length);
          }
        }
      },
    },
    async (req) => {
      if (isStreamed(req)) {
        const graph = await store.getGraph(req.params.graphId);
        if (!graph) throw new Errors.GRAPH_NOT_FOUND(req.params.graphId);
        const summary = await ingestStream(req, store, req.params.graphId, stream);
        req.log.info({ graphId: req.params.graphId, ...summary }, 'interaction stream ingested');
        return summary;
      }
      const batch = toStoreBatch(req.body);
      const result = await store.ingest(req.params.graphId, batch);
      if (!result) throw new Errors.GRAPH_NOT_FOUND(req.params.graphId);
      req.log.info({ graphId: req.params.graphId, received: batch.interactions.length, ...result }, 'interactions ingested');
      return { received: batch.interactions.length, ...result };
    },
  );
}
