/**
 * TypeBox schemas of ingestion: a JSON batch of interactions (and accounts) and the answer.
 */
import { Type, type Static } from 'typebox';
import { MAX_EPOCH_MS } from '../../timestamps.js';
import { ID_PATTERN } from '../../schemas.js';

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
      Type.Union([Type.Integer({ minimum: 0, maximum: MAX_EPOCH_MS }), Type.String({ maxLength: 40 })], {
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
export type IngestBody = Static<typeof IngestBody>;

export const IngestResult = Type.Object(
  {
    received: Type.Integer({ description: 'Interactions in the request.' }),
    stored: Type.Integer({ description: 'Interactions newly stored.' }),
    duplicates: Type.Integer({ description: 'Interactions whose id was already stored (or repeated in this batch).' }),
    suppressed: Type.Integer({
      description:
        'Interactions not stored because they name an erased account (DELETE /v1/graphs/{graphId}/accounts/{accountId}); account entries naming one are dropped too. received = stored + duplicates + suppressed.',
    }),
    batches: Type.Optional(Type.Integer({ description: 'Streamed bodies only: batches (transactions) committed by this request.' })),
    skipped: Type.Optional(
      Type.Integer({
        description:
          'Streamed bodies with an Upload-Id only: leading rows skipped because an earlier attempt under the same Upload-Id had committed them. received = skipped + stored + duplicates + suppressed.',
      }),
    ),
    uploadId: Type.Optional(Type.String({ description: 'The Upload-Id of a resumable upload.' })),
  },
  { title: 'IngestResult', examples: [{ received: 3, stored: 3, duplicates: 0, suppressed: 0 }] },
);

/** Upload-Id: names a resumable streamed upload (src/store/uploads.ts). */
export const UPLOAD_ID_PATTERN = '^[A-Za-z0-9._~:-]{1,128}$';

export const UploadParams = Type.Object({
  graphId: Type.String({ pattern: ID_PATTERN, description: 'Graph id.' }),
  uploadId: Type.String({ pattern: UPLOAD_ID_PATTERN, description: 'The Upload-Id the stream was sent with.' }),
});

export const UploadProgress = Type.Object(
  {
    uploadId: Type.String(),
    graphId: Type.String(),
    rows: Type.Integer({ description: 'Data rows committed: exactly the first `rows` data rows of the body (whole batches).' }),
    batches: Type.Integer({ description: 'Batches (transactions) committed.' }),
    stored: Type.Integer(),
    duplicates: Type.Integer(),
    suppressed: Type.Integer(),
    batchRows: Type.Integer({ description: 'Rows per batch of this upload (fixed by its first batch).' }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'UploadProgress' },
);

export const IngestHeaders = Type.Object(
  {
    'idempotency-key': Type.Optional(
      Type.String({ description: 'JSON batches: a retry with the same key returns the first answer (src/http/plugins/app/idempotency.ts checks it).' }),
    ),
    'upload-id': Type.Optional(
      Type.String({
        pattern: UPLOAD_ID_PATTERN,
        description: 'Streamed bodies: names a resumable upload (see the operation description).',
      }),
    ),
  },
  { additionalProperties: true },
);
