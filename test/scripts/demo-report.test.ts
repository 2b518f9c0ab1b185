import t from 'tap';
import { generateConversationGraph, type PlantedTruth } from '../../src/synthetic/conversation-graph.js';
import { firstCypherStatement } from '../../scripts/demo/browser-hint.js';
import { describeProblem, problemDetails } from '../../scripts/demo/http-client.js';
import { makeBatches } from '../../scripts/demo/ingest.js';
import { parseNeo4jOutput } from '../../scripts/demo/local-neo4j.js';
import { comparePlantedAndFound, comparePlantedCommunities, type FoundNiche } from '../../scripts/demo/matching.js';
import { communityLines, nicheTable, overallLines } from '../../scripts/demo/report.js';
import { readSettings } from '../../scripts/demo/settings.js';
import { renderTable } from '../../scripts/demo/table.js';

const planted: PlantedTruth = {
  niches: [
    { id: 'p1', members: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'], trusted: ['a1', 'a2'] },
    { id: 'p2', members: ['b1', 'b2', 'b3', 'b4'], trusted: ['b1', 'b2'] },
  ],
  communities: [{ id: 'k01', niches: ['p1', 'p2'], members: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2', 'b3', 'b4'] }],
  broadcasters: ['z1'],
  trolls: ['a6'],
};

function niche(id: string, members: string[], trusted: string[]): FoundNiche {
  return {
    id,
    size: members.length,
    density: 0.5,
    conductance: 0.1,
    members,
    trusted: trusted.map((accountId, i) => ({ accountId, score: 0.3 - i * 0.05 })),
  };
}

t.test('a perfect recovery: NMI 1, every trusted member found, nobody wrongly trusted', async (t) => {
  const found = [
    niche('n0', ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'], ['a1', 'a2', 'a3']),
    niche('n1', ['b1', 'b2', 'b3', 'b4', 'z1'], ['b2', 'b1', 'b3']),
  ];
  const c = comparePlantedAndFound(planted, found);
  t.equal(c.nmi, 1);
  t.equal(c.nmiAccounts, 10, 'broadcasters left out of the NMI');
  t.equal(c.trustedFound, 4);
  t.equal(c.trustedTotal, 4);
  t.same(c.trustedMissed, []);
  t.same(c.plantedNotRecovered, []);
  t.same(c.broadcastersTrusted, []);
  t.same(c.trollsTrusted, []);
  t.same(c.niches.map((n) => n.match?.plantedId), ['p1', 'p2']);
  t.equal(c.niches[1]?.match?.precision, 4 / 5, 'the broadcaster lowers the purity');
  t.equal(c.niches[1]?.match?.recall, 1);
  t.same(c.niches[1]?.plantedTrustedFound, ['b1', 'b2']);
});

t.test('a merge with a broadcaster and a troll ranked as trusted', async (t) => {
  const found = [
    niche('n0', ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2', 'b3', 'z1'], ['z1', 'a1', 'a6']),
    niche('n1', ['b4'], ['b4']),
  ];
  const c = comparePlantedAndFound(planted, found);
  t.ok(c.nmi > 0 && c.nmi < 1, `NMI ${c.nmi}`);
  t.equal(c.trustedFound, 1, 'only a1 is in the top-K of its niche');
  t.same(
    c.trustedMissed.map((m) => `${m.accountId}:${m.nicheId}`),
    ['a2:n0', 'b1:n0', 'b2:n0'],
  );
  t.same(c.plantedNotRecovered, ['p2'], 'p2 merged into a niche that matches p1: only n1 matches it');
  t.same(c.broadcastersTrusted, [{ accountId: 'z1', nicheId: 'n0', rank: 1 }]);
  t.same(c.trollsTrusted, [{ accountId: 'a6', nicheId: 'n0', rank: 3 }]);
  t.same(c.niches[0]?.plantedTrustedFound, ['a1']);
  t.same(c.niches[1]?.match, { plantedId: 'p2', overlap: 1, precision: 1, recall: 0.25 });

  const table = nicheTable(c, planted, { topK: 3, minSize: 1 });
  t.match(table[0], /^niche\s+size\s+density\s+conduct\.\s+planted\s+purity\s+holds\s+in top-3\s+trusted/);
  t.match(table[2], /^n0\s+10\s+0\.500\s+0\.100\s+p1\s+60%\s+100%\s+1\/2\s+z1! 0\.300\s+a1\* 0\.250\s+a6~ 0\.200$/);
  t.match(table[3], /^n1\s+1\s+.*p2\s+100%\s+25%\s+0\/2\s+b4 0\.300$/);
  t.notOk(table.some((l) => l.endsWith(' ')), 'no trailing spaces');

  const overall = overallLines(c, planted, { topK: 3 }).join('\n');
  t.match(overall, /NMI\(planted niches, found niches\) = 0\.\d{3} over 10 niche members/);
  t.match(overall, /Planted niches recovered .*: 1 of 2 \(not: p2\)/);
  t.match(overall, /top-3 of the niche they landed in: 1 of 4 \(25%\)/);
  t.match(overall, /missed: a2 \(planted p1, in n0\), b1 \(planted p2, in n0\)/);
  t.match(overall, /Broadcasters ranked as trusted: 1 of 1: z1 \(#1 in n0\)/);
  t.match(overall, /Trolls .* ranked as trusted: 1 of 1: a6 \(#3 in n0\)/);
});

t.test('accounts in no found niche and small niches left out of the table', async (t) => {
  const found = [niche('n0', ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'b1', 'b2', 'b3'], ['a1']), niche('n1', ['b4'], ['b4'])];
  const c = comparePlantedAndFound(planted, found);
  const table = nicheTable(c, planted, { topK: 1, minSize: 2 });
  t.equal(table.filter((l) => /^n\d/.test(l)).length, 1);
  t.match(table.join('\n'), /\(1 more niches with 1 accounts in all not listed\)/);
  const missing = comparePlantedAndFound(planted, [niche('n0', ['a1', 'a2'], ['a1'])]);
  t.same(missing.trustedMissed.find((m) => m.accountId === 'b1'), { accountId: 'b1', plantedId: 'p2', nicheId: null });
  t.equal(missing.nmiAccounts, 10);
  const overall = overallLines(missing, planted, { topK: 1 }).join('\n');
  t.match(overall, /b1 \(planted p2, in no niche\)/);
  t.match(overall, /Broadcasters ranked as trusted: none of 1/);
});

t.test('the planted partition of the generator compared with itself', async (t) => {
  const g = generateConversationGraph({ accounts: 300, niches: 6, interactions: 4000, seed: 3 });
  const found = g.planted.niches.map((p, i) => niche(`n${i}`, p.members, p.trusted));
  const c = comparePlantedAndFound(g.planted, found);
  t.equal(c.nmi, 1);
  t.equal(c.trustedFound, c.trustedTotal);
  t.ok(c.niches.every((n) => n.match?.precision === 1 && n.match.recall === 1));
});

t.test('the community level: planted communities against found ones, niches nested in them', async (t) => {
  const two: PlantedTruth = {
    ...planted,
    communities: [
      { id: 'k01', niches: ['p1'], members: ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'] },
      { id: 'k02', niches: ['p2'], members: ['b1', 'b2', 'b3', 'b4'] },
    ],
  };
  const found = [niche('n0', ['a1', 'a2', 'a3', 'a4'], ['a1']), niche('n1', ['a5', 'a6', 'b1'], ['a5']), niche('n2', ['b2', 'b3', 'b4'], ['b2'])];
  const communities = [
    { id: 'c0', size: 8, density: 0.3, conductance: 0.05, niches: ['n0', 'n1'], unassigned: 1 },
    { id: 'c1', size: 3, density: 1, conductance: 0.1, niches: ['n2'], unassigned: 0 },
  ];
  const level = comparePlantedCommunities(two, communities, found);
  t.same(level.communities.map((c) => [c.match?.plantedId, c.match?.overlap]), [['k01', 6], ['k02', 3]]);
  t.equal(level.communities[0]?.match?.precision, 6 / 7, 'b1 is in c0');
  t.equal(level.communities[1]?.match?.recall, 3 / 4);
  t.same(level.plantedNotRecovered, []);
  t.equal(level.nestedNiches, 3, 'n1 is mostly k01, like c0');
  t.equal(level.niches, 3);
  t.ok(level.nmi > 0.5 && level.nmi < 1, `NMI ${level.nmi}`);
  t.same(comparePlantedCommunities(two, [{ ...communities[0]!, niches: ['n0', 'n1', 'n2'] }], found).plantedNotRecovered, ['k02'], 'k02 merged into a community that matches k01');
  const perfect = comparePlantedCommunities(two, [
    { ...communities[0]!, niches: ['n0'] },
    { ...communities[1]!, niches: ['n2'] },
  ], [niche('n0', ['a1', 'a2', 'a3', 'a4', 'a5', 'a6'], []), niche('n2', ['b1', 'b2', 'b3', 'b4'], [])]);
  t.equal(perfect.nmi, 1);

  const lines = communityLines(level, two, { communities: 0.41, niches: 0.38 });
  t.match(lines[0], /^community\s+size\s+niches\s+unassigned\s+density\s+conduct\.\s+planted\s+purity\s+holds\s+largest niches$/);
  t.match(lines[2], /^c0\s+8\s+2\s+1\s+0\.3000\s+0\.050\s+k01\s+86%\s+100%\s+n0 n1$/);
  t.match(lines.join('\n'), /Communities: 2 \(modularity 0\.410; niches: 0\.380\)\. NMI\(planted communities, found communities\) = 0\.\d{3} over 10 members\./);
  t.match(lines.join('\n'), /Planted communities recovered: 2 of 2; niches nested in their community's planted community: 3 of 3\./);
});

t.test('renderTable pads columns and aligns numbers right', async (t) => {
  const lines = renderTable(
    [{ header: 'id' }, { header: 'n', align: 'right' }, { header: 'note' }],
    [
      ['a', '5', 'x'],
      ['bbb', '1234', ''],
    ],
  );
  t.same(lines, ['id      n  note', '---  ----  ----', 'a       5  x', 'bbb  1234']);
});

t.test('makeBatches: at most `size` interactions and accounts per batch, nothing lost', async (t) => {
  const g = generateConversationGraph({ accounts: 300, niches: 6, interactions: 2500, seed: 1 });
  const batches = makeBatches(g.interactions, g.accounts, 1000);
  t.same(batches.map((b) => b.interactions.length), [1000, 1000, 500]);
  t.same(batches.map((b) => b.accounts?.length), [300, undefined, undefined]);
  t.same(batches.flatMap((b) => b.interactions.map((e) => e.id)), g.interactions.map((e) => e.id));
  const many = makeBatches(g.interactions.slice(0, 10), g.accounts, 100);
  t.same(many.map((b) => [b.interactions.length, b.accounts?.length]), [[10, 100], [0, 100], [0, 100]]);
  t.same(makeBatches([], [], 10), [{ interactions: [] }]);
  t.throws(() => makeBatches([], [], 0), RangeError);
});

t.test('problem+json answers read well', async (t) => {
  const problem = {
    type: 'https://nichegraph.dev/problems/ng-validation',
    title: 'Bad Request',
    status: 400,
    detail: 'interactions[3].weight must be a finite, non-zero number',
    code: 'NG_VALIDATION',
    requestId: 'req-7',
    errors: [{ field: 'interactions[3].weight', message: 'must be a finite, non-zero number' }],
  };
  t.equal(
    describeProblem(400, problem),
    '400 Bad Request [NG_VALIDATION]: interactions[3].weight must be a finite, non-zero number',
  );
  t.same(problemDetails(problem), [
    '  - interactions[3].weight: must be a finite, non-zero number',
    '  (request id req-7, see https://nichegraph.dev/problems/ng-validation)',
  ]);
  t.equal(describeProblem(502, null, '<html>\n bad gateway </html>'), '502: <html> bad gateway </html>');
  t.equal(describeProblem(500, null), '500');
});

t.test('first statement of explore.cypher; Neo4j addresses from the start script', async (t) => {
  const text = [
    '// Queries to explore',
    '//   :param analysisId => ...',
    '',
    '// 1. Top niches',
    'MATCH (n:Niche {analysisId: $analysisId})',
    '// inline comment line',
    'RETURN n;',
    '',
    '// 2. Next',
    'MATCH (a) RETURN a;',
  ].join('\n');
  t.equal(firstCypherStatement(text), 'MATCH (n:Niche {analysisId: $analysisId})\nRETURN n;');
  t.equal(firstCypherStatement('// only comments\n'), null);
  const fallback = { boltUri: 'bolt://127.0.0.1:7687', browserUrl: 'http://127.0.0.1:7474/browser/' };
  t.same(
    parseNeo4jOutput('[neo4j] Bolt:    bolt://127.0.0.1:7690   (no authentication)\n[neo4j] Browser: http://127.0.0.1:7480/browser/\n', fallback),
    { boltUri: 'bolt://127.0.0.1:7690', browserUrl: 'http://127.0.0.1:7480/browser/' },
  );
  t.same(parseNeo4jOutput('nothing useful', fallback), fallback);
});

t.test('settings: defaults and named errors', async (t) => {
  t.same(readSettings({}), {
    seed: 7,
    graphId: 'demo',
    topK: 5,
    resolution: undefined,
    apiUrl: undefined,
    verbose: false,
    port: undefined,
    neo4jUri: undefined,
    serve: false,
  });
  t.equal(readSettings({}, ['--serve']).serve, true, 'npm run demo -- --serve keeps the API up');
  t.throws(() => readSettings({}, ['--serv']), /unknown argument --serv/);
  const s = readSettings({ DEMO_SEED: '11', DEMO_TOP_K: '3', DEMO_RESOLUTION: '2.5', PORT: '4000', DEMO_API_URL: 'http://127.0.0.1:3000/' });
  t.equal(s.seed, 11);
  t.equal(s.topK, 3);
  t.equal(s.resolution, 2.5);
  t.equal(s.port, 4000);
  t.equal(s.apiUrl, 'http://127.0.0.1:3000');
  t.throws(() => readSettings({ DEMO_SEED: 'x' }), /DEMO_SEED must be an integer/);
  t.throws(() => readSettings({ DEMO_TOP_K: '0' }), /DEMO_TOP_K/);
  t.throws(() => readSettings({ DEMO_RESOLUTION: '-1' }), /DEMO_RESOLUTION/);
  t.throws(() => readSettings({ DEMO_GRAPH_ID: 'a b' }), /DEMO_GRAPH_ID/);
  t.throws(() => readSettings({ DEMO_API_URL: 'not a url' }), /DEMO_API_URL/);
});
