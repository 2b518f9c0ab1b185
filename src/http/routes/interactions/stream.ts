/**
 * Streamed ingestion: `application/x-ndjson` (one interaction object per line) and
 * `text/csv` (a header line naming the columns source,target[,type,weight,timestamp,id])
 * bodies on POST /v1/graphs/{graphId}/interactions.
 *
 * The body is read as a stream with backpressure: lines are validated one by one (the
 * same schema and rules as a JSON batch) and grouped into batches of `batchRows`; each
 * batch is stored by GraphStore.ingest, one transaction, while the next batch is being
 * read. At most two batches are held, so memory is bounded whatever the body size. A
 * streamed body bypasses Fastify's bodyLimit, so the byte cap and the row cap are
 * enforced here.
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
 */
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as parseCsv } from 'csv-parse';
import split2 from 'split2';
import { Compile } from 'typebox/compile';
import type { FastifyRequest } from 'fastify';
import { Errors, ValidationFailure, type FieldError } from '../../../errors.js';
import type { GraphStore, IngestResult } from '../../../store/port.js';
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
}

export interface StreamSummary extends IngestResult {
  received: number;
  batches: number;
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
}

/** NDJSON lines -> rows (object mode). Blank lines are skipped but counted. */
function ndjsonRows(): Transform {
  let line = 0;
  return new Transform({
    objectMode: true,
    transform(text: string, _enc, callback) {
      line++;
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
function csvRows(): { parser: Transform; toRow: Transform } {
  const parser = parseCsv({ info: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  let columns: string[] | null = null;
  const toRow = new Transform({
    objectMode: true,
    transform(record: { record: string[]; info: { lines: number } }, _enc, callback) {
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
): Promise<StreamSummary> {
  const body = req.body as Readable;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const summary: StreamSummary = { received: 0, stored: 0, duplicates: 0, batches: 0 };
  let committedRows = 0;
  const committed = () =>
    `${committedRows} rows in ${summary.batches} batches of up to ${limits.batchRows} were stored before it ` +
    `(${summary.stored} new, ${summary.duplicates} duplicates); nothing after them`;

  let pending: Promise<void> | null = null;
  const store1 = (rows: Row[]) => {
    const interactions = toStoreBatch({ interactions: rows.map((r) => r.value as never) }).interactions;
    return store.ingest(graphId, { interactions, accounts: [] }).then((result) => {
      if (!result) throw new Errors.GRAPH_NOT_FOUND(graphId);
      summary.stored += result.stored;
      summary.duplicates += result.duplicates;
      summary.batches++;
      committedRows += rows.length;
    });
  };

  let batch: Row[] = [];
  let errors: FieldError[] = [];
  const cap = new ByteCap(limits.maxBytes);
  const source = type === CSV ? pipelineCsv(body, cap, csvRows()) : pipelineNdjson(body, cap, ndjsonRows());

  const stop = async (err: Error): Promise<never> => {
    body.unpipe?.();
    body.resume();
    await pending?.catch(() => {});
    throw err;
  };

  try {
    for await (const row of source as AsyncIterable<Row>) {
      summary.received++;
      if (summary.received > limits.maxRows) {
        const e = new Errors.BATCH_TOO_LARGE(limits.maxRows, 'rows', `more (line ${row.line})`);
        await pending;
        e.message += `; ${committed()}`;
        return await stop(e);
      }
      const found = rowErrors(row);
      if (found.length > 0) errors.push(...found);
      batch.push(row);
      if (batch.length === limits.batchRows) {
        if (errors.length > 0) break;
        await pending;
        pending = store1(batch);
        batch = [];
      }
    }
  } catch (err) {
    await pending?.catch(() => {});
    if (err instanceof ValidationFailure || (err as { code?: string }).code === 'NG_BODY_TOO_LARGE') {
      (err as Error).message += `; ${committed()}`;
      return await stop(err as Error);
    }
    if ((err as { code?: string }).code?.startsWith('CSV_')) {
      const line = (err as { lines?: number }).lines ?? 0;
      errors.push({ in: 'body', pointer: `/lines/${line}`, index: line, field: `line[${line}]`, message: (err as Error).message });
    } else {
      return await stop(err as Error);
    }
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

function pipelineNdjson(body: Readable, cap: ByteCap, rows: Transform): AsyncIterable<Row> {
  const lines = split2(/\r?\n/);
  pipeline(body, cap, lines, rows).catch((err: unknown) => rows.destroy(err as Error));
  return rows;
}

function pipelineCsv(body: Readable, cap: ByteCap, rows: ReturnType<typeof csvRows>): AsyncIterable<Row> {
  pipeline(body, cap, rows.parser, rows.toRow).catch((err: unknown) => rows.toRow.destroy(err as Error));
  return rows.toRow;
}
