/**
 * POST /v1/graphs/{graphId}/interactions: one atomic batch of interactions (and accounts)
 * as JSON (schemas.ts, batch.ts), or a streamed NDJSON or CSV body (stream.ts).
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Errors } from '../../../errors.js';
import { FoldUnguarded } from '../../../store/fold.js';
import type { GraphStore } from '../../../store/port.js';
import { UploadConflict } from '../../../store/uploads.js';
import { IDEMPOTENCY_HEADER } from '../../plugins/app/route-defaults.js';
import { GraphIdParams, problems } from '../../schemas.js';
import { toStoreBatch } from './batch.js';
import { IngestBody, IngestHeaders, IngestResult } from './schemas.js';
import { CSV, DEFAULT_MAX_LINE_LENGTH, NDJSON, STREAM_MEDIA_TYPES, ingestStream, isStreamed, type StreamLimits } from './stream.js';

export interface InteractionRoutesOptions {
  store: GraphStore;
  maxItems: number;
  bodyLimit: number;
  stream?: StreamLimits;
}

// No type: the parser hands the raw stream over, which ingestStream validates line by line.
const StreamBody = (what: string) => ({ description: what });

const interactionRoutes: FastifyPluginAsync<InteractionRoutesOptions> = async (app, { store, ...limits }) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const stream = limits.stream ?? { batchRows: 10_000, maxRows: 20_000_000, maxBytes: 4 * 1024 * 1024 * 1024 };
  // The streamed media types reach this route as the raw body stream (ingestStream reads
  // it); the parsers are local to this plugin, so every other route answers them 415.
  for (const type of STREAM_MEDIA_TYPES) app.addContentTypeParser(type, (_req, payload, done) => done(null, payload));

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
          `read; at most ${stream.maxRows} rows and ${stream.maxBytes} bytes per body, and ` +
          `${stream.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH} characters per line or CSV record (413 above). The answer adds ` +
          `\`batches\`. Rows are validated like JSON items. If a row is invalid, the batch holding it and everything ` +
          `after it are not stored and every earlier batch is committed: batch k holds data rows ` +
          `(k-1)*${stream.batchRows}+1 .. k*${stream.batchRows} (blank lines and the CSV header are not rows). The 400 ` +
          `lists every invalid row of that batch (at most 100) with \`index\` = its 1-based line number in the body ` +
          `(header included), and \`detail\` says how many rows and batches were committed. Going over the row, ` +
          `byte or line cap is the same (413 NG_BATCH_TOO_LARGE, NG_BODY_TOO_LARGE, NG_LINE_TOO_LONG; earlier batches kept); so is a database failure in batch k (batches before k ` +
          `kept). Interactions with ids make re-sending the whole body after a failure safe.\n\n` +
          `Resumable uploads: send a streamed body with an \`Upload-Id\` header (1-128 of [A-Za-z0-9._~:-], yours to ` +
          `choose, e.g. a UUID). Each batch then records the upload's progress in its own transaction, so after any ` +
          `failure (a 503, a dropped connection, this server killed) GET /v1/graphs/{graphId}/uploads/{uploadId} says ` +
          `exactly how many rows (whole batches) are committed. Re-send the same body with the same Upload-Id: its first ` +
          `\`rows\` rows are skipped (\`skipped\` in the answer; they must be the same rows, 409 NG_UPLOAD_MISMATCH ` +
          `otherwise) and the rest stored, batch boundaries unchanged, so no batch is applied twice, rows without ids ` +
          `included. Two streams at once under one Upload-Id: the second gets 409 NG_UPLOAD_CONFLICT. Upload-Id on a ` +
          `JSON body: 400 NG_UPLOAD_ID_NOT_STREAMED (a JSON batch is one transaction; use Idempotency-Key).\n\n` +
          `Folded graphs (created with \`fold: "day"\`): interactions without ids are folded per (source, target, type, ` +
          `UTC day, sign of the weight) into one stored relationship with their count and weight sum; \`stored\` counts ` +
          `events. A batch holding such interactions must carry a replay guard, so that a retry cannot count it twice: ` +
          `an Idempotency-Key on a JSON batch (recorded with the batch, in its transaction: a retry with the same key is ` +
          `answered from the first commit even after a crash) or an Upload-Id on a streamed body; without one, 400 ` +
          `NG_FOLD_UNGUARDED and nothing of the batch is stored.`,
        params: GraphIdParams,
        headers: IngestHeaders,
        body: {
          content: {
            'application/json': { schema: IngestBody },
            [NDJSON]: { schema: StreamBody('One Interaction object per line.') },
            [CSV]: { schema: StreamBody('Header source,target[,type,weight,timestamp,id], then one interaction per line.') },
          },
        } as unknown as typeof IngestBody,
        response: { 200: IngestResult, ...problems(400, 404, 409, 413, 415) },
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
      const uploadId = req.headers['upload-id'];
      if (isStreamed(req)) {
        // An existence check, not getGraph: that one counts every account of the graph.
        if (!(await store.graphExists(req.params.graphId))) throw new Errors.GRAPH_NOT_FOUND(req.params.graphId);
        const upload = uploadId === undefined ? undefined : { id: uploadId, progress: await store.uploadProgress(req.params.graphId, uploadId) };
        const summary = await ingestStream(req, store, req.params.graphId, stream, upload);
        req.log.info({ graphId: req.params.graphId, ...summary }, 'interaction stream ingested');
        return summary;
      }
      if (uploadId !== undefined) throw new Errors.UPLOAD_ID_NOT_STREAMED();
      const batch = toStoreBatch(req.body);
      // A folded graph records the batch under its Idempotency-Key (scoped to the caller, as
      // the idempotency plugin scopes it), in the batch's own transaction: src/store/fold.ts.
      const key = req.headers[IDEMPOTENCY_HEADER];
      const batchKey = typeof key === 'string' ? `${req.principal?.id ?? 'anonymous'}\n${key}` : undefined;
      const result = await store.ingest(req.params.graphId, batch, undefined, batchKey).catch((err: unknown) => {
        if (err instanceof FoldUnguarded) throw new Errors.FOLD_UNGUARDED(req.params.graphId);
        // The key's batch is stored, and this is another one (its idempotency record had expired).
        if (err instanceof UploadConflict) throw new Errors.IDEMPOTENCY_KEY_REUSED();
        throw err;
      });
      if (!result) throw new Errors.GRAPH_NOT_FOUND(req.params.graphId);
      req.log.info({ graphId: req.params.graphId, received: batch.interactions.length, ...result }, 'interactions ingested');
      return { received: batch.interactions.length, ...result };
    },
  );
};

export default routePlugin('interactions-routes', interactionRoutes);
