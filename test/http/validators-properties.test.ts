/**
 * Property-based tests (fast-check) of the request validators that a JSON schema cannot
 * express: timestamps (parseTimestamp), interaction batches (toStoreBatch) and analysis
 * parameters (toAnalysisParams). Each is checked against an independent statement of its
 * rule, on generated inputs, valid and invalid. FC_SEED varies the seed.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import t from 'tap';
import { ValidationFailure } from '../../src/errors.js';
import { toAnalysisParams } from '../../src/http/routes/analyses/params.js';
import { toStoreBatch } from '../../src/http/routes/interactions/batch.js';
import { MAX_EPOCH_MS, parseTimestamp } from '../../src/http/timestamps.js';

const SEED = Number(process.env.FC_SEED ?? 20261201);
const RUNS = 300;
const run = (p: fc.IProperty<unknown> | fc.IAsyncProperty<unknown>) => fc.assert(p as fc.IProperty<unknown>, { numRuns: RUNS, seed: SEED });

t.test('parseTimestamp: every instant of years 0-9999 round-trips through its ISO form, its epoch ms and their digits', async (t) => {
  run(
    fc.property(fc.integer({ min: 0, max: MAX_EPOCH_MS }), (ms) => {
      const iso = new Date(ms).toISOString();
      assert.equal(parseTimestamp(iso), ms);
      assert.equal(parseTimestamp(ms), ms);
      assert.equal(parseTimestamp(String(ms)), ms);
      // The same instant written with an offset.
      const shifted = new Date(ms + 2 * 3600_000);
      if (shifted.getTime() <= MAX_EPOCH_MS) {
        assert.equal(parseTimestamp(shifted.toISOString().replace('Z', '+02:00')), ms);
      }
    }),
  );
  t.pass(`${RUNS} instants`);
});

t.test('parseTimestamp: no zone, past year 9999, negative or fractional: refused', async (t) => {
  run(
    fc.property(fc.integer({ min: 0, max: MAX_EPOCH_MS }), fc.integer({ min: 1, max: 1e12 }), (ms, extra) => {
      assert.equal(parseTimestamp(new Date(ms).toISOString().replace('Z', '')), null, 'a date-time without a zone');
      assert.equal(parseTimestamp(MAX_EPOCH_MS + extra), null, 'after 9999-12-31');
      assert.equal(parseTimestamp(-extra), null, 'before 1970');
      assert.equal(parseTimestamp(ms + 0.5), null, 'fractional milliseconds');
    }),
  );
  t.pass(`${RUNS} cases`);
});

const item = fc.record(
  {
    source: fc.constantFrom('a', 'b', 'c'),
    target: fc.constantFrom('a', 'b', 'c'),
    weight: fc.oneof(fc.constant(0), fc.constant(Number.NaN), fc.constant(Number.POSITIVE_INFINITY), fc.double({ min: -10, max: 10 })),
    timestamp: fc.oneof(fc.integer({ min: -5, max: MAX_EPOCH_MS + 5 }), fc.constantFrom('2026-11-20T09:30:00Z', '2026-11-20T09:30:00', 'yesterday', '1763631000000')),
  },
  { requiredKeys: ['source', 'target'] },
);

t.test('toStoreBatch: a batch is accepted exactly when every item is valid, and each invalid field is named', async (t) => {
  run(
    fc.property(fc.array(item, { maxLength: 20 }), (interactions) => {
      const wantErrors = interactions.flatMap((it, i) => {
        const out: string[] = [];
        const w = it.weight ?? 1;
        if (!Number.isFinite(w) || w === 0) out.push(`interactions[${i}].weight`);
        if (it.source === it.target) out.push(`interactions[${i}].target`);
        if (it.timestamp !== undefined && parseTimestamp(it.timestamp) === null) out.push(`interactions[${i}].timestamp`);
        return out;
      });
      try {
        const batch = toStoreBatch({ interactions: interactions as never });
        assert.deepEqual(wantErrors, [], 'accepted only when nothing is invalid');
        assert.equal(batch.interactions.length, interactions.length);
        batch.interactions.forEach((x, i) => {
          assert.equal(x.weight, interactions[i]!.weight ?? 1);
          assert.equal(x.timestamp, interactions[i]!.timestamp === undefined ? null : parseTimestamp(interactions[i]!.timestamp!));
          assert.equal(x.type, 'interaction');
        });
      } catch (err) {
        if (!(err instanceof ValidationFailure)) throw err;
        assert.deepEqual(err.fieldErrors.map((e) => e.field).sort(), [...wantErrors].sort(), 'every offending field, and only those');
      }
    }),
  );
  t.pass(`${RUNS} batches`);
});

t.test('toAnalysisParams: from < to and nicheSize.min <= max are required; the window is kept', async (t) => {
  const time = fc.oneof(fc.integer({ min: 0, max: MAX_EPOCH_MS }), fc.integer({ min: 0, max: MAX_EPOCH_MS }).map((ms) => new Date(ms).toISOString()));
  run(
    fc.property(
      fc.option(time, { nil: undefined }),
      fc.option(time, { nil: undefined }),
      fc.option(fc.record({ min: fc.integer({ min: 1, max: 100 }), max: fc.integer({ min: 1, max: 100 }) }), { nil: undefined }),
      (from, to, nicheSize) => {
        const body = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }), ...(nicheSize ? { nicheSize } : {}) };
        const f = from === undefined ? null : parseTimestamp(from);
        const tt = to === undefined ? null : parseTimestamp(to);
        const bad: string[] = [];
        if (f !== null && tt !== null && f >= tt) bad.push('to');
        if (nicheSize && nicheSize.max < nicheSize.min) bad.push('nicheSize.max');
        try {
          const p = toAnalysisParams(body);
          assert.deepEqual(bad, []);
          assert.equal(p.from, f);
          assert.equal(p.to, tt);
          assert.ok((p.runs ?? 0) >= 1 && (p.minNicheSize ?? 0) >= 1);
        } catch (err) {
          if (!(err instanceof ValidationFailure)) throw err;
          assert.deepEqual(err.fieldErrors.map((e) => e.field), bad);
        }
      },
    ),
  );
  t.pass(`${RUNS} requests`);
});
