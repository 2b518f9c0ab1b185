/**
 * Streamed ingestion: `application/x-ndjson` (one interaction object per line) and
 * `text/csv` (a header line naming the columns source,target[,type,weight,timestamp,id])
 * bodies on POST /v1/graphs/{graphId}/interactions.
 *
 * The body is read as a stream with backpressure: lines are validated one by one (the
 * same schema and rules as a JSON batch) and grouped into batches of `batchRows`; each
 * batch is stored by GraphStore.ingest, one transaction, while the next batch is being
 * read. At most two batches are held, so memory is bounded whatever the body size. A
 * streamed body bypasses Fastify's bodyLimit, so the byte cap, the row cap and the line
 * cap (one NDJSON line or CSV record: split2's maxLength, csv-parse's max_record_size) are
 * enforced here. Without the line cap a body with no line break is buffered whole, and
 * split2 re-splits the growing buffer on every chunk (quadratic time).
 *
 * What a stream that fails halfway leaves stored (the route description says the same):
 *   batches are numbered from 1; batch k holds data rows (k-1)*batchRows+1 .. k*batchRows
 *   (blank lines and the CSV header are not rows). When a row is invalid, the batch that
 *   holds it and everything after it are not stored, and every batch before it is
 *   committed. The 400 answer lists every invalid row of that batch (at most 100) by
 *   line number (1-based, counting every line of the body, the CSV header included) and
 *   its `detail` says how many rows and batches were committed. Exceeding the byte or row
 *   cap works the same way (413): the batch being read is dropped, earlier ones stay.
 *   A database failure while storing batch k leaves batches 1..k-1 committed. Interaction
 *   ids make a re-sent stream idempotent: re-sending the whole body after any failure
 *   stores each event with an id exactly once.
 *
 * Resumable uploads (an `Upload-Id` header; src/store/uploads.ts): each batch moves the
 * upload's progress in its own transaction, so GET /v1/graphs/{graphId}/uploads/{uploadId}
 * says exactly which batches are committed, whoever died (this process, Neo4j, the
 * connection). Re-sending the same body under the same Upload-Id skips those rows (their
 * digest chain must match the committed one: NG_UPLOAD_MISMATCH otherwise) and stores the
 * rest, batch boundaries unchanged: no batch is applied twice, rows without ids included.
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { CsvError, parse as parseCsv } from 'csv-parse';
import split2 from 'split2';
import { Compile } from 'typebox/compile';
import type { FastifyRequest } from 'fastify';
import { Errors, ValidationFailure, type FieldError } from '../../../errors.js';
import type { GraphStore, IngestResult, UploadProgress, UploadStep } from '../../../store/port.js';
import { FoldUnguarded } from '../../../store/fold.js';
import { UploadConflict, uploadDigest } from '../../../store/uploads.js';
import { isStoreUnavailable } from '../../plugins/app/problems.js';
import { toStoreBatch } from './batch.js';
import { Interaction } from './schemas.js';

export const NDJSON = 'application/x-ndjson';
export const CSV = 'text/csv';
export const STREAM_MEDIA_TYPES = [NDJSON, CSV] as const;

export interface StreamLimits {
  /** Rows per batch (one transaction each). */
  batchRows: number;
  /** Data rows accepted in one body. */
  maxRows: number;
  /** Bytes accepted in one body. */
  maxBytes: number;
  /** Characters of one NDJSON line or CSV record; default 65,536. */
  maxLineLength?: number;
}

export const DEFAULT_MAX_LINE_LENGTH = 65536;

export interface StreamSummary extends IngestResult {
  received: number;
  batches: number;
  /** With an Upload-Id: leading rows an earlier attempt had committed (not stored again). */
  skipped?: number;
  uploadId?: string;
}

/** A resumable upload: its id and what earlier attempts committed (null: nothing yet). */
export interface StreamUpload {
  id: string;
  progress: UploadProgress | null;
}

const MAX_REPORTED_ERRORS = 100;
const CSV_COLUMNS = new Set(['source', 'target', 'type', 'weight', 'timestamp', 'id']);
const interactionChecker = Compile(Interaction);

/** Whether a request carries a streamed body (its content type is one of ours). */
export function isStreamed(req: FastifyRequest): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return type === NDJSON || type === CSV;
}

/** Counts bytes and fails the stream once `max` is exceeded. */
class ByteCap extends Transform {
  bytes = 0;
  constructor(private readonly max: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.max) callback(new Errors.BODY_TOO_LARGE(this.max));
    else callback(null, chunk);
  }
}

interface Row {
  line: number;
  /** The parsed value, or an error found while parsing the line. */
  value: unknown;
  parseError?: string;
  /** The reading failed here (a cap, a broken CSV): the last row the consumer sees. */
  fatal?: Error;
}

/** A failure of a stage before the row transform, written into it as its last input. */
class Failure {
  constructor(readonly error: Error) {}
}

/**
 * NDJSON lines -> rows (object mode). Blank lines are skipped but counted. split2's
 * maxLength stops a line that is still growing; a long line that arrived whole in one
 * chunk is stopped here.
 */
function ndjsonRows(maxLineLength: number): Transform {
  let line = 0;
  return new Transform({
    objectMode: true,
    transform(text: string | Failure, _enc, callback) {
      if (text instanceof Failure) return callback(null, { line: line + 1, value: null, fatal: text.error } satisfies Row);
      line++;
      if (text.length > maxLineLength) {
        return callback(null, { line, value: null, fatal: new Errors.LINE_TOO_LONG(line, maxLineLength) } satisfies Row);
      }
      if (text.trim() === '') return callback();
      try {
        callback(null, { line, value: JSON.parse(text) } satisfies Row);
      } catch {
        callback(null, { line, value: null, parseError: 'is not valid JSON' } satisfies Row);
      }
    },
  });
}

/**
 * CSV records (with their line numbers) -> rows. The first record is the header, checked
 * once; a record with a different number of fields becomes an invalid row of its line.
 */
function csvRows(maxLineLength: number): { parser: Transform; toRow: Transform } {
  const parser = parseCsv({ info: true, skip_empty_lines: true, trim: true, relax_column_count: true, max_record_size: maxLineLength });
  let columns: string[] | null = null;
  const toRow = new Transform({
    objectMode: true,
    transform(record: { record: string[]; info: { lines: number } } | Failure, _enc, callback) {
      if (record instanceof Failure) return callback(null, { line: 0, value: null, fatal: record.error } satisfies Row);
      const line = record.info.lines;
      if (columns === null) {
        const names = record.record.map((h) => h.trim());
        const unknown = names.filter((n) => !CSV_COLUMNS.has(n));
        const missing = ['source', 'target'].filter((n) => !names.includes(n));
        if (unknown.length > 0 || missing.length > 0) {
          const message =
            `the CSV header must name source and target, and only ${[...CSV_COLUMNS].join(', ')}` +
            (missing.length ? `; missing: ${missing.join(', ')}` : '') +
            (unknown.length ? `; unknown: ${unknown.join(', ')}` : '');
          return callback(new ValidationFailure([{ in: 'body', pointer: `/lines/${line}`, index: line, field: `line[${line}]`, message }]));
        }
        columns = names;
        return callback();
      }
      if (record.record.length !== columns.length) {
        const parseError = `has ${record.record.length} fields; the header names ${columns.length}`;
        return callback(null, { line, value: null, parseError } satisfies Row);
      }
      const out: Record<string, unknown> = {};
      record.record.forEach((raw, k) => {
        const key = columns![k] as string;
        if (raw === '') return;
        if (key === 'weight') out[key] = Number(raw);
        else if (key === 'timestamp' && /^\d+$/.test(raw)) out[key] = Number(raw);
        else out[key] = raw;
      });
      callback(null, { line, value: out } satisfies Row);
    },
  });
  return { parser, toRow };
}

/** Field errors of one row, with the row's line number in place of an array index. */
function rowErrors(row: Row): FieldError[] {
  const at = (key: string, message: string): FieldError => ({
    in: 'body',
    pointer: `/lines/${row.line}${key ? `/${key}` : ''}`,
    index: row.line,
    field: `line[${row.line}]${key ? `.${key}` : ''}`,
    message,
  });
  if (row.parseError) return [at('', row.parseError)];
  const checker = interactionChecker;
  if (!checker.Check(row.value)) {
    return checker.Errors(row.value).map((e) => {
      const extra = (e.params as { additionalProperties?: string[]; requiredProperties?: string[] }) ?? {};
      const key = e.instancePath.slice(1) || extra.additionalProperties?.[0] || extra.requiredProperties?.[0] || '';
      return at(key, e.keyword === 'additionalProperties' ? 'is not an allowed property' : e.message);
    });
  }
  try {
    toStoreBatch({ interactions: [row.value as never] });
    return [];
  } catch (err) {
    if (!(err instanceof ValidationFailure)) throw err;
    return err.fieldErrors.map((e) => at(e.field.replace(/^interactions\[0\]\./, ''), e.message));
  }
}

/** Reads, validates and stores a streamed body; throws a problem error on the first bad batch. */
export async function ingestStream(
  req: FastifyRequest,
  store: GraphStore,
  graphId: string,
  limits: StreamLimits,
  upload?: StreamUpload,
): Promise<StreamSummary> {
  const body = req.body as Readable;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const summary: StreamSummary = { received: 0, stored: 0, duplicates: 0, suppressed: 0, batches: 0 };
  // A resumed upload keeps the batch size of its first attempt (so batch k is the same rows).
  const batchRows = upload?.progress?.batchRows ?? limits.batchRows;
  // Rows an earlier attempt committed: read, chained into the digest, not stored again.
  const skip = upload?.progress?.rows ?? 0;
  if (upload) {
    summary.uploadId = upload.id;
    summary.skipped = 0;
  }
  let digest = '';
  let committedRows = 0;
  const committed = () =>
    `${committedRows} rows in ${summary.batches} batches of up to ${batchRows} were stored before it ` +
    `(${summary.stored} new, ${summary.duplicates} duplicates)` +
    (upload ? `${skip > 0 ? `, after the ${skip} rows an earlier attempt had committed` : ''}; GET /v1/graphs/${graphId}/uploads/${upload.id} says what is committed` : '') +
    '; nothing after them';

  let pending: Promise<void> | null = null;
  const store1 = (rows: Row[]) => {
    const interactions = toStoreBatch({ interactions: rows.map((r) => r.value as never) }).interactions;
    let step: UploadStep | undefined;
    if (upload) {
      const rowsBefore = skip + committedRows;
      step = { uploadId: upload.id, rowsBefore, rows: rows.length, batchRows, digest: uploadDigest(digest, rows.map(rowText)) };
    }
    return store.ingest(graphId, { interactions, accounts: [] }, step).then(
      (result) => {
        if (!result) throw new Errors.GRAPH_NOT_FOUND(graphId);
        summary.stored += result.stored;
        summary.duplicates += result.duplicates;
        summary.suppressed += result.suppressed;
        summary.batches++;
        committedRows += rows.length;
        if (step) digest = step.digest;
      },
      (err: unknown) => {
        if (err instanceof UploadConflict) throw withCommitted(new Errors.UPLOAD_CONFLICT(err.message));
        if (err instanceof FoldUnguarded) throw withCommitted(new Errors.FOLD_UNGUARDED(graphId));
        // Neo4j gone mid-stream: a 503 that says which batches are committed (one batch is in
        // flight at a time, so the count is exact; the failed batch may or may not have
        // committed before the connection died: re-send it, its ids make that safe).
        if (isStoreUnavailable(err)) {
          req.log.warn({ err }, 'database unavailable during a streamed upload');
          throw withCommitted(new Errors.STORE_UNAVAILABLE());
        }
        throw err;
      },
    );
  };

  let batch: Row[] = [];
  let errors: FieldError[] = [];
  const cap = new ByteCap(limits.maxBytes);
  const maxLine = limits.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  const source = type === CSV ? pipelineCsv(body, cap, csvRows(maxLine)) : pipelineNdjson(body, cap, ndjsonRows(maxLine), maxLine);

  const withCommitted = <E extends Error>(err: E): E => {
    err.message += `; ${committed()}`;
    return err;
  };
  const stop = async (err: Error): Promise<never> => {
    body.unpipe?.();
    body.resume();
    await pending?.catch(() => {});
    throw err;
  };

  // The rows being skipped (a resumed upload), grouped as their batches were.
  let skipped: string[] = [];
  const checkSkipped = () => {
    if (skipped.length > 0) digest = uploadDigest(digest, skipped);
    skipped = [];
    if (digest !== upload?.progress?.digest) throw new Errors.UPLOAD_MISMATCH(skip, upload?.id, 'their digest differs');
  };

  try {
    for await (const row of source as AsyncIterable<Row>) {
      if (!row.fatal && summary.received < skip) {
        summary.received++;
        summary.skipped = summary.received;
        skipped.push(rowText(row));
        if (skipped.length === batchRows) {
          digest = uploadDigest(digest, skipped);
          skipped = [];
        }
        if (summary.received === skip) checkSkipped();
        continue;
      }
      if (row.fatal) {
        // Every row before it has been seen in order: the batches they filled are committed.
        await pending;
        const err = row.fatal as Error & { code?: string; lines?: number };
        if (err.code === 'CSV_MAX_RECORD_SIZE') return await stop(withCommitted(new Errors.LINE_TOO_LONG(err.lines ?? 0, maxLine)));
        // Any csv-parse error (their codes are not all prefixed CSV_: INVALID_OPENING_QUOTE).
        if (err instanceof CsvError) {
          const line = Number((err as { lines?: unknown }).lines ?? 0);
          errors.push({ in: 'body', pointer: `/lines/${line}`, index: line, field: `line[${line}]`, message: err.message });
          break;
        }
        if (err.code === 'NG_BODY_TOO_LARGE' || err.code === 'NG_LINE_TOO_LONG') return await stop(withCommitted(err));
        return await stop(err);
      }
      summary.received++;
      if (summary.received > limits.maxRows) {
        await pending;
        return await stop(withCommitted(new Errors.BATCH_TOO_LARGE(limits.maxRows, 'rows', `more (line ${row.line})`)));
      }
      const found = rowErrors(row);
      if (found.length > 0) errors.push(...found);
      batch.push(row);
      if (batch.length === batchRows) {
        if (errors.length > 0) break;
        await pending;
        pending = store1(batch);
        batch = [];
      }
    }
  } catch (err) {
    // The row transform itself failed (a bad CSV header), or storing a batch did.
    await pending?.catch(() => {});
    if (err instanceof ValidationFailure) return await stop(withCommitted(err));
    return await stop(err as Error);
  }
  if (summary.received < skip) {
    return await stop(new Errors.UPLOAD_MISMATCH(skip, upload?.id, `this body has ${summary.received} rows`));
  }
  await pending;
  if (errors.length > 0) {
    errors = errors.slice(0, MAX_REPORTED_ERRORS);
    const failure = new ValidationFailure(errors);
    failure.message = `invalid rows in batch ${summary.batches + 1}: ${failure.message}; ${committed()}`;
    return await stop(failure);
  }
  if (batch.length > 0) await store1(batch);
  return summary;
}

/** A row as the upload digest reads it (its parsed value; the same body gives the same text). */
function rowText(row: Row): string {
  return row.parseError ? `!${row.line}` : JSON.stringify(row.value);
}

/**
 * Pipes body -> stages -> rows. A stage that fails (a cap, split2's line cap, the CSV
 * parser) does not destroy `rows`: its error is written into `rows` as a last input, after
 * every line that came before it, and `rows` ends. The consumer thus sees every row that
 * precedes the failure, in order, then one row carrying the error.
 */
function rowStream(body: Readable, stages: Transform[], rows: Transform, describe: (err: Error) => Error = (e) => e): AsyncIterable<Row> {
  let failed = false;
  const fail = (err: Error) => {
    if (failed) return;
    failed = true;
    body.unpipe();
    for (const stage of stages) stage.unpipe();
    rows.end(new Failure(describe(err)));
  };
  let upstream: Readable = body;
  for (const stage of stages) {
    stage.on('error', fail);
    upstream = upstream.pipe(stage);
  }
  body.on('error', fail);
  upstream.pipe(rows);
  return rows;
}

function pipelineNdjson(body: Readable, cap: ByteCap, rows: Transform, maxLineLength: number): AsyncIterable<Row> {
  // split2 calls the mapper for each line it emits, in order: the count names the line
  // that overflowed when it stops.
  let emitted = 0;
  const lines = split2(
    /\r?\n/,
    (line: string) => {
      emitted++;
      return line;
    },
    { maxLength: maxLineLength },
  );
  return rowStream(body, [cap, lines], rows, (err) =>
    (lines as unknown as { overflow?: boolean }).overflow === true ? new Errors.LINE_TOO_LONG(emitted + 1, maxLineLength) : err,
  );
}

function pipelineCsv(body: Readable, cap: ByteCap, rows: ReturnType<typeof csvRows>): AsyncIterable<Row> {
  return rowStream(body, [cap, rows.parser], rows.toRow);
}
