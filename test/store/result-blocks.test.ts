/**
 * The ties columns and their stored blocks (pure, no database): the reciprocated weight of
 * each analysed tie is min of its two directions' positive weight (email-eu-core, against
 * the projection), a ties block round-trips it, and a block of version 1 (stored before it
 * was kept) still decodes, without it.
 */
import { deflateRawSync } from 'node:zlib';
import t from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { decodeTieBlock, encodeTieBlock, TIE_BLOCK, TIE_FORMAT } from '../../src/store/result-blocks.js';
import { loadEmailEuCore, toProjection } from '../helpers/datasets.js';
import { versionOneTieBlock } from '../helpers/tie-blocks.js';

const email = loadEmailEuCore();
const projection = toProjection(email.edges.filter((e) => e.source !== e.target), { accounts: email.departments.keys() });
const result = analyseProjection(projection, { seed: 1, topK: 5, runs: 1 });
const { ties, accounts } = result;

/** Element-wise equality (t.same on arrays of thousands is slow). */
function same(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

t.test('each tie carries w_ij + w_ji and min(w_ij, w_ji) of the projection', async (t) => {
  const positive = new Map<string, number>();
  for (const p of projection.pairs) positive.set(`${p.source}\u0000${p.target}`, p.positive);
  let reciprocal = 0;
  let wrong = 0;
  for (let k = 0; k < ties.count; k++) {
    const a = accounts.ids[ties.source[k] as number] as string;
    const b = accounts.ids[ties.target[k] as number] as string;
    const ab = positive.get(`${a}\u0000${b}`) ?? 0;
    const ba = positive.get(`${b}\u0000${a}`) ?? 0;
    if (ties.weight[k] !== ab + ba || ties.reciprocated[k] !== Math.min(ab, ba)) wrong++;
    if ((ties.reciprocated[k] as number) > 0) reciprocal++;
  }
  t.equal(wrong, 0, `all ${ties.count} ties`);
  t.ok(reciprocal > 0 && reciprocal < ties.count, `${reciprocal} reciprocal ties, ${ties.count - reciprocal} one-way`);
});

t.test('a ties block round-trips weight and reciprocated weight', async (t) => {
  t.ok(ties.count <= TIE_BLOCK, 'one block');
  const row = encodeTieBlock(result, 0);
  const block = decodeTieBlock(0, row.data);
  t.equal(block.count, ties.count);
  t.ok(same(block.source, ties.source), 'sources');
  t.ok(same(block.target, ties.target), 'targets');
  t.ok(same(block.weight, ties.weight), 'weights');
  t.ok(block.reciprocated !== null && same(block.reciprocated, ties.reciprocated), 'reciprocated weights');
});

t.test('a ties block of version 1 decodes without reciprocated weights; an unknown version is refused', async (t) => {
  t.equal(TIE_FORMAT, 2);
  const n = Math.min(500, ties.count);
  const old = decodeTieBlock(3, versionOneTieBlock(ties.source.subarray(0, n), ties.target.subarray(0, n), ties.weight.subarray(0, n)));
  t.equal(old.count, n);
  t.equal(old.start, 3 * TIE_BLOCK);
  t.equal(old.reciprocated, null);
  t.ok(same(old.weight, ties.weight.subarray(0, n)), 'weights');
  t.ok(same(old.target, ties.target.subarray(0, n)), 'targets');
  const future = new Uint8Array(deflateRawSync(new Uint8Array(new Int32Array([9, 0]).buffer)));
  t.throws(() => decodeTieBlock(0, new Int8Array(future.buffer, future.byteOffset, future.byteLength)), /format 9/);
});
