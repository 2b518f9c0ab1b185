/**
 * The block encoder writes the same bytes as before its columns were gathered in place and
 * compressed off the main thread (test/helpers/result-blocks-f1f12e1.ts: the encoder of
 * commit f1f12e1): every members, index, ties and communities block of a real result, through
 * the synchronous and the asynchronous compression, byte for byte; and the catalogue block's
 * asynchronous encoding equals its synchronous one. Pure, no database.
 */
import t, { type Test } from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { compressBlockAsync, communityBlocks, decodeMemberBlock, MEMBER_BLOCK, rawCommunityBlocks, rawResultBlocks, resultBlocks, type BlockRow } from '../../src/store/result-blocks.js';
import { catalogueRows, encodeCatalogue, encodeCatalogueAsync } from '../../src/store/result-catalogue.js';
import * as reference from '../helpers/result-blocks-f1f12e1.js';
import { loadBitcoinOtc, toProjection } from '../helpers/datasets.js';

// bitcoin-otc: 5,881 accounts (three members blocks), signed ties, communities without a niche.
const projection = toProjection(loadBitcoinOtc().map((r) => ({ source: r.source, target: r.target, weight: r.rating })));
const result = analyseProjection(projection, { seed: 7, topK: 10, runs: 1 });

function sameBytes(a: Int8Array, b: Int8Array): boolean {
  return a.byteLength === b.byteLength && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

function sameBlocks(t: Test, got: BlockRow[], want: BlockRow[], what: string): void {
  t.equal(got.length, want.length, `${what}: ${want.length} blocks`);
  const differing = got.filter((b, i) => {
    const w = want[i] as BlockRow;
    const { data: _d, ...meta } = b;
    const { data: _w, ...wantMeta } = w;
    return !sameBytes(b.data, w.data) || JSON.stringify(meta) !== JSON.stringify(wantMeta);
  });
  t.same(
    differing.map((b) => `${b.kind}/${b.seq}`),
    [],
    `${what}: every block byte for byte`,
  );
}

t.test('the fixture spans several members blocks, with ties and nicheless communities', async (t) => {
  t.ok(result.accounts.count > 2 * MEMBER_BLOCK, `${result.accounts.count} accounts`);
  t.ok(result.ties.count > 0, `${result.ties.count} ties`);
  t.ok([...communityBlocks(result)].length > 0, 'a communities block');
});

t.test('members, index and ties blocks: the same bytes as the encoder of f1f12e1', async (t) => {
  const want = [...reference.resultBlocks(result)];
  sameBlocks(t, [...resultBlocks(result)], want, 'compressed on this thread');
  sameBlocks(t, await Promise.all([...rawResultBlocks(result)].map(compressBlockAsync)), want, 'compressed on the thread pool');
  // And they still decode to the result's columns.
  const first = decodeMemberBlock(0, result.accounts.centralities.map((c) => c.name), (want[0] as BlockRow).data);
  const order = result.niches.members.subarray(0, first.count);
  t.ok(first.account.every((i, p) => i === order[p]), 'member order');
  t.ok(first.scores.score.every((s, p) => Object.is(s, result.accounts.score[order[p] as number])), 'scores');
});

t.test('communities blocks: the same bytes as the encoder of f1f12e1', async (t) => {
  const want = [...reference.communityBlocks(result)];
  sameBlocks(t, [...communityBlocks(result)], want, 'compressed on this thread');
  sameBlocks(t, await Promise.all([...rawCommunityBlocks(result)].map(compressBlockAsync)), want, 'compressed on the thread pool');
});

t.test('the catalogue block: the same bytes compressed on the thread pool', async (t) => {
  const rows = catalogueRows(result);
  t.ok(sameBytes(await encodeCatalogueAsync(rows), encodeCatalogue(rows)));
});
