import t from 'tap';
import { comparisonLines, eventCounts, lineageSummary, nicheLine, plantedNicheLines } from '../../scripts/demo/lineage-report.js';
import type { NicheView } from '../../scripts/demo/api.js';

const none = { continued: 0, grown: 0, shrunk: 0, split: 0, merged: 0, born: 0, dissolved: 0 };
const niche = (id: string, size: number, lineage: NicheView['lineage']): NicheView => ({ id, size, communityId: 'c0', unassigned: false, density: 1, conductance: 0, trusted: [], ...(lineage === undefined ? {} : { lineage }) });

t.test('event counts and summaries leave out zero counts', async (t) => {
  t.equal(eventCounts({ ...none, continued: 3, split: 2, dissolved: 1 }), 'continued 3, split 2, dissolved 1');
  t.equal(eventCounts(none), 'no niches');
  t.equal(lineageSummary('First', 'a1', undefined), 'First a1: no baseline (every niche got a new id).');
  t.equal(lineageSummary('Second', 'a2', { baselineAnalysisId: 'a1', events: { ...none, born: 1 }, dissolved: [] }), 'Second a2: baseline a1; born 1.');
});

t.test('a split: one half keeps the id, the other is new; the planted accounts by niche', async (t) => {
  const from = [{ nicheId: 'n7', jaccard: 0.5 }];
  const kept = niche('n7', 20, { baselineAnalysisId: 'a1', event: 'split', from });
  const fresh = niche('n9', 20, { baselineAnalysisId: 'a1', event: 'split', from });
  t.equal(nicheLine(kept), 'n7 (20 members): split from n7 (Jaccard 0.50), kept its id');
  t.equal(nicheLine(fresh), 'n9 (20 members): split from n7 (Jaccard 0.50), a new id');
  t.equal(nicheLine(niche('n3', 5, { baselineAnalysisId: 'a1', event: 'born', from: [] })), 'n3 (5 members): born (relates to no baseline niche; a new id)');
  t.equal(nicheLine(niche('n3', 5, undefined)), 'n3 (5 members): no lineage');
  const nicheOf = new Map([['x1', 'n9'], ['x2', 'n7'], ['x3', 'n7']]);
  t.same(plantedNicheLines('Planted', nicheOf, [kept, fresh]), [
    'Planted: its 3 accounts are in 2 niches:',
    '  n7 (20 members): split from n7 (Jaccard 0.50), kept its id; 2 of them',
    '  n9 (20 members): split from n7 (Jaccard 0.50), a new id; 1 of them',
  ]);
});

t.test('the comparison in two lines', async (t) => {
  const move = (accountId: string, b: number, a: number) => ({ accountId, before: { rank: b, score: 1, nicheId: 'n1' }, after: { rank: a, score: 1, nicheId: 'n1' }, change: b - a });
  const lines = comparisonLines({
    before: { analysisId: 'a1' },
    after: { analysisId: 'a2' },
    events: { ...none, continued: 1, split: 2 },
    accounts: { inBoth: 1200, changedNiche: 20, joined: 1, left: 2 },
    rose: [move('u1', 1500, 3)],
    fell: [],
  });
  t.same(lines, [
    'Compare a1 -> a2: 20 of 1,200 accounts in both changed niche, 1 joined, 2 left; continued 1, split 2.',
    '  Trust rank rose most: u1 (#1,500 -> #3); fell most: none.',
  ]);
});
