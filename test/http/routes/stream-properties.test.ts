/**
 * Property-based tests (fast-check) of the streamed-ingestion parsers (NDJSON and CSV),
 * without a database: a store that records the batches it is given stands behind
 * ingestStream. Whatever the interactions, the line endings, the blank lines, the CSV
 * quoting and where the body is cut into chunks, what is stored is exactly what was sent, in
 * order, in batches of batchRows; arbitrary bytes never crash the parser (only 400/413
 * problems); a line is refused exactly when it is longer than the cap. FC_SEED varies the seed.
 */
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import t from 'tap';
import type { FastifyRequest } from 'fastify';
import { CSV, NDJSON, ingestStream } from '../../../src/http/routes/interactions/stream.js';
import type { GraphStore, InteractionInput } from '../../../src/store/port.js';

const SEED = Number(process.env.FC_SEED ?? 20261201);
const RUNS = 150;

/** A store whose ingest records each batch. */
function recorder() {
  const batches: InteractionInput[][] = [];
  const store = {
    ingest: async (_graphId: string, batch: { interactions: InteractionInput[] }) => {
      batches.push(batch.interactions);
      return { stored: batch.interactions.length, duplicates: 0, suppressed: 0 };
    },
  } as unknown as GraphStore;
  return { store, batches };
}

/** A request whose body arrives in the given chunks. */
function request(type: string, body: string, cuts: number[]): FastifyRequest {
  const bytes = Buffer.from(body, 'utf8');
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    if (p > at) chunks.push(bytes.subarray(at, p));
    at = Math.max(at, p);
  }
  return { body: Readable.from(chunks), headers: { 'content-type': type } } as unknown as FastifyRequest;
}

// Account ids with characters a CSV writer must quote (comma, quote) and non-ASCII ones.
const accountId = fc.string({ unit: fc.constantFrom('a', 'b', 'z', '0', '_', '-', ',', '"', ' ', 'é', '名', '😀'), minLength: 1, maxLength: 12 })
  .filter((s) => s.trim() === s && s.trim() !== '');
const interaction = fc
  .record({
    source: accountId,
    target: accountId,
    type: fc.constantFrom('reply', 'mention', 'share', 'rating'),
    weight: fc.oneof(fc.integer({ min: -5, max: 5 }).filter((w) => w !== 0), fc.double({ min: 0.001, max: 1000, noNaN: true })),
    timestamp: fc.option(fc.integer({ min: 0, max: 253_402_300_799_999 }), { nil: undefined }),
    id: fc.option(fc.string({ unit: fc.constantFrom('e', '1', '2', '-'), minLength: 1, maxLength: 8 }), { nil: undefined }),
  })
  .filter((x) => x.source !== x.target);

const expected = (rows: Array<Record<string, unknown>>): InteractionInput[] =>
  rows.map((r) => ({
    id: (r.id as string | undefined) ?? null,
    source: r.source as string,
    target: r.target as string,
    type: r.type as string,
    weight: r.weight as number,
    timestamp: (r.timestamp as number | undefined) ?? null,
  }));

const csvCell = (v: unknown): string => {
  const s = v === undefined ? '' : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

t.test('NDJSON: any interactions, line endings, blank lines and chunking store exactly what was sent', async (t) => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(interaction, { minLength: 1, maxLength: 40 }),
      fc.constantFrom('\n', '\r\n'),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 8 }),
      fc.integer({ min: 1, max: 7 }),
      async (rows, eol, blanks, cuts, batchRows) => {
        const lines = rows.map((r) => JSON.stringify(r));
        for (const b of blanks) lines.splice(b % (lines.length + 1), 0, '');
        const { store, batches } = recorder();
        const summary = await ingestStream(request(NDJSON, lines.join(eol) + eol, cuts), store, 'g', { batchRows, maxRows: 1000, maxBytes: 1 << 20 });
        assert.deepEqual(batches.flat(), expected(rows));
        assert.equal(summary.batches, Math.ceil(rows.length / batchRows));
        assert.ok(batches.every((b) => b.length <= batchRows));
        assert.equal(summary.received, rows.length);
      },
    ),
    { numRuns: RUNS, seed: SEED },
  );
  t.pass(`${RUNS} cases (seed ${SEED})`);
});

t.test('CSV: any interactions, quoting, column order and chunking store exactly what was sent', async (t) => {
  const columns = ['source', 'target', 'type', 'weight', 'timestamp', 'id'];
  await fc.assert(
    fc.asyncProperty(
      fc.array(interaction, { minLength: 1, maxLength: 40 }),
      fc.shuffledSubarray(columns.slice(2)),
      fc.boolean(),
      fc.array(fc.nat(), { maxLength: 8 }),
      async (rows, extra, swap, cuts) => {
        const header = swap ? ['target', 'source', ...extra] : ['source', 'target', ...extra];
        const body = [header.join(','), ...rows.map((r) => header.map((c) => csvCell((r as Record<string, unknown>)[c])).join(','))].join('\r\n') + '\r\n';
        const { store, batches } = recorder();
        await ingestStream(request(CSV, body, cuts), store, 'g', { batchRows: 5, maxRows: 1000, maxBytes: 1 << 20 });
        const want = expected(rows).map((r) => ({
          ...r,
          type: extra.includes('type') ? r.type : 'interaction',
          weight: extra.includes('weight') ? r.weight : 1,
          timestamp: extra.includes('timestamp') ? r.timestamp : null,
          id: extra.includes('id') ? r.id : null,
        }));
        assert.deepEqual(batches.flat(), want);
      },
    ),
    { numRuns: RUNS, seed: SEED },
  );
  t.pass(`${RUNS} cases (seed ${SEED})`);
});

t.test('arbitrary bytes never crash the parsers: only 400 or 413 problems', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(NDJSON, CSV), fc.string({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 5 }), async (type, body, cuts) => {
      const { store } = recorder();
      try {
        await ingestStream(request(type, body, cuts), store, 'g', { batchRows: 3, maxRows: 50, maxBytes: 4096, maxLineLength: 1024 });
      } catch (err) {
        const e = err as { statusCode?: number; code?: string };
        assert.ok(e.statusCode === 400 || e.statusCode === 413, `${e.code}: ${(err as Error).message}`);
        assert.match(String(e.code), /^NG_/);
      }
    }),
    { numRuns: RUNS * 2, seed: SEED },
  );
  t.pass(`${RUNS * 2} cases (seed ${SEED})`);
});

t.test('a line is refused exactly when it is longer than the cap', async (t) => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1024, max: 4096 }), fc.integer({ min: 30, max: 6000 }), fc.array(fc.nat(), { maxLength: 5 }), async (cap, length, cuts) => {
      const core = JSON.stringify({ source: 'a', target: 'b' });
      const line = core.replace('{', '{' + ' '.repeat(Math.max(0, length - core.length)));
      const { store, batches } = recorder();
      const run = ingestStream(request(NDJSON, `${line}\n`, cuts), store, 'g', { batchRows: 10, maxRows: 10, maxBytes: 1 << 20, maxLineLength: cap });
      if (line.length > cap) {
        await assert.rejects(run, { code: 'NG_LINE_TOO_LONG', statusCode: 413 });
        assert.equal(batches.length, 0);
      } else {
        await run;
        assert.equal(batches.flat().length, 1);
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
  t.pass(`${RUNS} cases (seed ${SEED})`);
});
