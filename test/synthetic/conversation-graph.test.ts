import t from 'tap';
import {
  DEFAULTS,
  generateConversationGraph,
  type ConversationGraph,
} from '../../src/synthetic/conversation-graph.js';

const graph: ConversationGraph = generateConversationGraph();

function nicheIndex(g: ConversationGraph): Map<string, string> {
  const of = new Map<string, string>();
  for (const niche of g.planted.niches) for (const m of niche.members) of.set(m, niche.id);
  return of;
}

t.test('same options give byte-identical output; another seed gives another graph', async (t) => {
  const again = generateConversationGraph({ seed: DEFAULTS.seed });
  t.equal(JSON.stringify(again), JSON.stringify(graph), 'defaults and explicit default seed agree byte for byte');
  const small = { accounts: 400, niches: 8, interactions: 6000, seed: 123 };
  t.equal(JSON.stringify(generateConversationGraph(small)), JSON.stringify(generateConversationGraph(small)));
  const other = generateConversationGraph({ ...small, seed: 124 });
  t.not(JSON.stringify(other.interactions), JSON.stringify(generateConversationGraph(small).interactions));
});

t.test('default counts are within the documented ranges', async (t) => {
  t.equal(graph.accounts.length, 3000);
  t.ok(graph.interactions.length >= 60_000 && graph.interactions.length <= 80_000, `${graph.interactions.length} interactions`);
  t.equal(graph.planted.niches.length, DEFAULTS.niches);
  for (const niche of graph.planted.niches) {
    t.ok(niche.members.length >= DEFAULTS.minNicheSize && niche.members.length <= DEFAULTS.maxNicheSize, `${niche.id} has ${niche.members.length} members`);
    t.ok(niche.trusted.length >= 2 && niche.trusted.length <= 3, `${niche.id} has ${niche.trusted.length} trusted`);
  }
  const sizes = graph.planted.niches.map((n) => n.members.length).sort((a, b) => a - b);
  const median = sizes[sizes.length >> 1] ?? 0;
  t.ok((sizes.at(-1) ?? 0) >= 3 * median, `heavy tail: largest ${sizes.at(-1)} vs median ${median}`);
  t.ok(graph.planted.broadcasters.length >= 1);
  t.ok(graph.planted.trolls.length >= 1);
});

t.test('ids: accounts and interactions unique and well formed, no self-interactions', async (t) => {
  const accountIds = new Set(graph.accounts.map((a) => a.id));
  t.equal(accountIds.size, graph.accounts.length, 'account ids unique');
  t.ok(graph.accounts.every((a) => /^u\d{4,}$/.test(a.id)), 'account ids like u0001');
  t.ok(graph.accounts.every((a) => a.properties.handle.length > 0 && /^\d{4}-\d{2}-\d{2}$/.test(a.properties.joined)));
  const ids = new Set(graph.interactions.map((e) => e.id));
  t.equal(ids.size, graph.interactions.length, 'interaction ids unique');
  t.ok(graph.interactions.every((e) => /^e\d{6,}$/.test(e.id)), 'interaction ids like e000001');
  t.equal(graph.interactions.filter((e) => e.source === e.target).length, 0, 'no self-interaction');
  t.ok(graph.interactions.every((e) => accountIds.has(e.source) && accountIds.has(e.target)), 'endpoints exist');
  const touched = new Set(graph.interactions.flatMap((e) => [e.source, e.target]));
  t.equal(touched.size, graph.accounts.length, 'every account takes part in at least one interaction');
});

t.test('every planted member exists; niches are disjoint; roles are consistent', async (t) => {
  const accountIds = new Set(graph.accounts.map((a) => a.id));
  const seen = new Set<string>();
  for (const niche of graph.planted.niches) {
    for (const m of niche.members) {
      t.ok(accountIds.has(m), `${m} exists`);
      t.notOk(seen.has(m), `${m} in one niche only`);
      seen.add(m);
    }
    const members = new Set(niche.members);
    t.ok(niche.trusted.every((m) => members.has(m)), `${niche.id}: trusted are members`);
  }
  for (const b of graph.planted.broadcasters) {
    t.ok(accountIds.has(b), `broadcaster ${b} exists`);
    t.notOk(seen.has(b), `broadcaster ${b} is in no niche`);
  }
  const trusted = new Set(graph.planted.niches.flatMap((n) => n.trusted));
  for (const troll of graph.planted.trolls) {
    t.ok(seen.has(troll), `troll ${troll} is a niche member`);
    t.notOk(trusted.has(troll), `troll ${troll} is not trusted`);
  }
  t.equal(seen.size + graph.planted.broadcasters.length, graph.accounts.length, 'every account has a role');
});

t.test('types, weights, timestamps', async (t) => {
  const types = new Set(graph.interactions.map((e) => e.type));
  t.same([...types].sort(), ['mention', 'message', 'rating', 'reply', 'share']);
  t.ok(graph.interactions.every((e) => e.weight !== 0 && Number.isFinite(e.weight)));
  t.ok(graph.interactions.every((e) => e.weight > 0 || e.type === 'rating'), 'only ratings are negative');
  const negative = graph.interactions.filter((e) => e.weight < 0).length / graph.interactions.length;
  t.ok(negative > 0.02 && negative < 0.04, `negative share ${negative}`);
  const start = Date.parse(DEFAULTS.start);
  const end = start + DEFAULTS.days * 86_400_000;
  let previous = -Infinity;
  let ordered = true;
  for (const e of graph.interactions) {
    const ms = Date.parse(e.timestamp);
    if (!(ms >= start && ms < end) || new Date(ms).toISOString() !== e.timestamp) t.fail(`bad timestamp ${e.timestamp}`);
    if (ms < previous) ordered = false;
    previous = ms;
  }
  t.ok(ordered, 'interactions sorted by timestamp');
});

t.test('structure: mixing, repetition, reciprocity', async (t) => {
  const of = nicheIndex(graph);
  let betweenMembers = 0;
  let across = 0;
  const pairCount = new Map<string, number>();
  for (const e of graph.interactions) {
    const a = of.get(e.source);
    const b = of.get(e.target);
    if (a !== undefined && b !== undefined) {
      betweenMembers++;
      if (a !== b) across++;
    }
    const key = `${e.source}>${e.target}`;
    pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
  }
  const mixing = across / betweenMembers;
  t.ok(Math.abs(mixing - DEFAULTS.crossNicheShare) <= 0.04, `mixing across niches ${mixing.toFixed(3)} (planted ${DEFAULTS.crossNicheShare})`);
  const repeated = [...pairCount.values()].filter((c) => c >= 3).length;
  t.ok(repeated > 1000, `${repeated} ordered pairs interact 3+ times`);
  const reciprocal = [...pairCount.keys()].filter((k) => {
    const [s, d] = k.split('>');
    return pairCount.has(`${d}>${s}`);
  }).length;
  t.ok(reciprocal / pairCount.size > 0.4, `reciprocity ${(reciprocal / pairCount.size).toFixed(2)}`);
});

t.test('planted roles are visible in the interactions', async (t) => {
  const of = nicheIndex(graph);
  const positiveIn = new Map<string, number>();
  const negativeIn = new Map<string, number>();
  const out = new Map<string, Set<string>>();
  const inn = new Map<string, Set<string>>();
  for (const e of graph.interactions) {
    if (e.weight > 0) {
      if (of.get(e.source) === of.get(e.target)) positiveIn.set(e.target, (positiveIn.get(e.target) ?? 0) + 1);
      if (!out.has(e.source)) out.set(e.source, new Set());
      out.get(e.source)?.add(e.target);
      if (!inn.has(e.target)) inn.set(e.target, new Set());
      inn.get(e.target)?.add(e.source);
    } else {
      negativeIn.set(e.target, (negativeIn.get(e.target) ?? 0) + 1);
    }
  }
  // Trusted members receive more within-niche attention than the niche's median member,
  // and most of the people who come to them get an answer (reciprocal ties).
  for (const niche of graph.planted.niches) {
    const counts = niche.members.map((m) => positiveIn.get(m) ?? 0).sort((a, b) => b - a);
    const median = counts[counts.length >> 1] ?? 0;
    for (const m of niche.trusted) {
      const received = positiveIn.get(m) ?? 0;
      // Above the median by a quarter at least (the smallest niches, 10 people, leave little room).
      t.ok(received > 1.25 * median, `${niche.id}: trusted ${m} well above the median (${received} vs ${median})`);
      // Among the most addressed: in the top third of the niche (top trusted + 2 in a small one).
      t.ok(counts.indexOf(received) < Math.max(niche.trusted.length + 2, niche.members.length / 3), `${niche.id}: trusted ${m} among the most addressed`);
      const fans = inn.get(m) ?? new Set<string>();
      const answered = [...fans].filter((f) => out.get(m)?.has(f)).length;
      t.ok(answered / Math.max(1, fans.size) > 0.5, `${niche.id}: trusted ${m} answers most who come`);
    }
  }
  // Trusted members sit in triangles with their contacts.
  const neighbours = (a: string): Set<string> => new Set([...(out.get(a) ?? []), ...(inn.get(a) ?? [])]);
  for (const niche of graph.planted.niches.slice(0, 5)) {
    for (const m of niche.trusted) {
      const ns = [...neighbours(m)];
      let triangles = 0;
      for (let i = 0; i < ns.length && triangles < 5; i++) {
        const ni = neighbours(ns[i] as string);
        for (let j = i + 1; j < ns.length; j++) if (ni.has(ns[j] as string)) triangles++;
      }
      t.ok(triangles >= 5, `${niche.id}: trusted ${m} sits in triangles`);
    }
  }
  // Broadcasters: many sources, few answered.
  for (const b of graph.planted.broadcasters) {
    const fans = inn.get(b)?.size ?? 0;
    const answered = out.get(b)?.size ?? 0;
    t.ok(fans >= 100, `broadcaster ${b} reached by ${fans}`);
    t.ok(answered / fans < 0.1, `broadcaster ${b} answers few (${answered})`);
  }
  // Trolls collect many negative ratings.
  const typicalNegative = [...negativeIn.values()].sort((a, b) => a - b);
  const median = typicalNegative[typicalNegative.length >> 1] ?? 0;
  for (const troll of graph.planted.trolls) {
    t.ok((negativeIn.get(troll) ?? 0) > 20 * Math.max(1, median), `troll ${troll} rated down ${negativeIn.get(troll)} times`);
  }
});

t.test('options are validated with a prefixed error', async (t) => {
  t.throws(() => generateConversationGraph({ accounts: 100, niches: 40 }), /conversation-graph: .*cannot fill/);
  t.throws(() => generateConversationGraph({ seed: 1.5 }), /conversation-graph: option seed/);
  t.throws(() => generateConversationGraph({ negativeShare: 1 }), /conversation-graph: option negativeShare/);
  t.throws(() => generateConversationGraph({ trolls: DEFAULTS.niches + 1 }), /conversation-graph: option trolls/);
  t.throws(() => generateConversationGraph({ start: 'yesterday' }), /conversation-graph: option start/);
});

t.test('small graphs and edge options work', async (t) => {
  const g = generateConversationGraph({ accounts: 60, niches: 3, minNicheSize: 10, maxNicheSize: 40, interactions: 900, broadcasters: 0, broadcasterShare: 0, trolls: 0, seed: -5 });
  t.equal(g.accounts.length, 60);
  t.equal(g.interactions.length, 900);
  t.same(g.planted.broadcasters, []);
  t.same(g.planted.trolls, []);
  t.equal(g.planted.niches.reduce((s, n) => s + n.members.length, 0), 60);
  t.equal(g.interactions.filter((e) => e.source === e.target).length, 0);
});
