/**
 * The export writers on a real analysis (email-eu-core, analysed in-process), read back by
 * Python's csv and json modules and by Debian's NetworkX (read_gexf, read_graphml); plus
 * escaping of hostile ids and backpressure: a stream nobody reads stops pulling rows.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import t from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { nicheResults } from '../../src/analysis/result-view.js';
import { EXPORT_FORMAT_NAMES, exportStream, type ExportFormat } from '../../src/exports/formats.js';
import { ACCOUNT_FIELDS, type ExportAccount, type ExportSource, type ExportTie } from '../../src/exports/source.js';
import { csvCell, ndjsonLine } from '../../src/exports/tabular.js';
import { xmlText } from '../../src/exports/graph-xml.js';
import { DEBIAN_PYTHON, ensureDebianPython } from '../../scripts/debian-python.js';
import { loadEmailEuCore, toProjection } from '../helpers/datasets.js';

const READER = fileURLToPath(new URL('./read_exports.py', import.meta.url));
ensureDebianPython('tests', ['networkx'], ['python3-networkx']);

const dir = mkdtempSync(join(tmpdir(), 'nichegraph-export-'));
t.teardown(() => rmSync(dir, { recursive: true, force: true }));

async function text(format: ExportFormat, source: ExportSource): Promise<string> {
  let out = '';
  for await (const chunk of exportStream(format, source)) out += (chunk as Buffer).toString('utf8');
  return out;
}

function read(format: ExportFormat, body: string): any {
  const path = join(dir, `export.${format}`);
  writeFileSync(path, body);
  const run = spawnSync(DEBIAN_PYTHON, [READER, format, path], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`read_exports.py ${format} failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function arraySource(accounts: ExportAccount[], ties: ExportTie[]): ExportSource {
  return {
    analysisId: 'a-test',
    graphId: 'g-test',
    async *accounts() {
      yield* accounts;
    },
    async *ties() {
      yield* ties;
    },
  };
}

// email-eu-core analysed in-process: the rows an export of the real thing carries.
const email = loadEmailEuCore();
const projection = toProjection(email.edges.filter((e) => e.source !== e.target), { accounts: email.departments.keys() });
const result = analyseProjection(projection, { resolution: 1, seed: 42, topK: 5, runs: 1 });
const accounts: ExportAccount[] = nicheResults(result).flatMap((n) =>
  n.members.map((m, rank) => ({
    accountId: m.accountId,
    nicheId: n.id,
    communityId: `c${n.id}`,
    rank,
    score: m.score,
    role: m.role,
    confidence: m.confidence,
    centrality: m.centrality,
    ties: m.ties,
    positiveShare: m.positiveShare,
    reciprocity: m.reciprocity,
    repeat: m.repeat,
    embeddedness: m.embeddedness,
    withinDegreeZ: m.withinDegreeZ,
    participation: m.participation,
    unassigned: n.unassigned,
  })),
);
const undirected = new Map<string, ExportTie>();
for (const p of projection.pairs) {
  const [a, b] = p.source < p.target ? [p.source, p.target] : [p.target, p.source];
  const key = `${a}\u0000${b}`;
  const tie = undirected.get(key) ?? { source: a, target: b, weight: 0 };
  tie.weight += p.positive;
  undirected.set(key, tie);
}
const ties = [...undirected.values()];
const source = arraySource(accounts, ties);
const byId = new Map(accounts.map((a) => [a.accountId, a]));

t.test('NDJSON: one exact JSON object per account', async (t) => {
  const rows = read('ndjson', await text('ndjson', source)).rows as ExportAccount[];
  t.equal(rows.length, 1005);
  t.same(rows, accounts, 'every field, every value, in rank order');
});

t.test('an NDJSON line is what JSON.stringify writes of the row, field for field', async (t) => {
  const odd: ExportAccount[] = [
    { ...accounts[0]!, accountId: 'quote"d \\ \u2028 émoji 🎉 \u0001', communityId: null, score: Number.NaN, confidence: Number.POSITIVE_INFINITY, repeat: -0, unassigned: true },
    { ...accounts[1]!, score: 1e-300, centrality: 1.7976931348623157e308, ties: 0.1 + 0.2, rank: 2 ** 31 - 1 },
  ];
  for (const a of [...accounts.slice(0, 200), ...odd]) {
    const object = Object.fromEntries(ACCOUNT_FIELDS.map((f) => [f.name, a[f.name]]));
    if (ndjsonLine(a) !== `${JSON.stringify(object)}\n`) t.fail(`differs for ${a.accountId}: ${ndjsonLine(a)}`);
  }
  t.pass('202 rows, unusual values included');
});

t.test('CSV: a header and one row per account, numbers exact', async (t) => {
  const rows = read('csv', await text('csv', source)).rows as Array<Record<string, string>>;
  t.equal(rows.length, 1005);
  for (const row of rows.slice(0, 50)) {
    const a = byId.get(row.accountId!)!;
    t.equal(row.nicheId, a.nicheId);
    t.equal(Number(row.score), a.score);
    t.equal(Number(row.confidence), a.confidence);
    t.equal(row.role, a.role);
    t.equal(row.unassigned, String(a.unassigned));
  }
});

for (const format of ['gexf', 'graphml'] as const) {
  t.test(`${format}: NetworkX reads every node with its attributes and every weighted tie`, async (t) => {
    const g = read(format, await text(format, source));
    t.comment(`networkx ${g.networkx}`);
    t.equal(g.directed, false);
    t.equal(Object.keys(g.nodes).length, 1005);
    t.equal(g.edges.length, ties.length);
    const total = ties.reduce((s, e) => s + e.weight, 0);
    t.ok(Math.abs(g.totalWeight - total) < 1e-6, `total weight ${g.totalWeight} vs ${total}`);
    for (const a of accounts.slice(0, 40)) {
      const n = g.nodes[a.accountId];
      t.equal(n.nicheId, a.nicheId);
      t.equal(n.communityId, a.communityId);
      t.equal(n.rank, a.rank);
      t.ok(Math.abs(n.score - a.score) < 1e-12);
      t.equal(n.role, a.role);
      t.equal(n.unassigned, a.unassigned);
      if (format === 'gexf') t.ok(n._colour && typeof n._colour.r === 'number', 'coloured by niche for Gephi');
    }
  });
}

t.test('hostile ids survive every format', async (t) => {
  const weird = ['a,b', 'quote"d', 'line\nbreak', '<tag>&amp;', "=HYPERLINK('x')", 'ctrl\u0001char', 'émoji 🎉'];
  const rows: ExportAccount[] = weird.map((id, rank) => ({ ...accounts[0]!, accountId: id, rank }));
  const src = arraySource(rows, [{ source: weird[0]!, target: weird[3]!, weight: 2.5 }]);
  const nd = read('ndjson', await text('ndjson', src)).rows as ExportAccount[];
  t.same(nd.map((r) => r.accountId), weird, 'NDJSON keeps ids exactly');
  const csv = read('csv', await text('csv', src)).rows as Array<Record<string, string>>;
  t.same(
    csv.map((r) => r.accountId),
    weird.map((w) => (w.startsWith('=') ? `'${w}` : w)),
    'CSV quotes, and defuses a formula with an apostrophe',
  );
  for (const format of ['gexf', 'graphml'] as const) {
    const g = read(format, await text(format, src));
    t.same(Object.keys(g.nodes).sort(), weird.map((w) => w.replace('\u0001', '\uFFFD')).sort(), `${format}: ids escaped, the control character replaced`);
    t.equal(g.edges.length, 1);
  }
  t.equal(csvCell(-1.5), '-1.5', 'numbers are never prefixed');
  t.equal(csvCell(Number.NaN), '');
  t.equal(xmlText('a\u0000b\uFFFE'), 'a\uFFFDb\uFFFD');
});

t.test('backpressure: an unread export stops pulling rows, and ending it early closes the source', async (t) => {
  let produced = 0;
  let closed = false;
  const endless: ExportSource = {
    analysisId: 'a',
    graphId: 'g',
    async *accounts() {
      try {
        for (let i = 0; ; i++) {
          produced++;
          yield { ...accounts[0]!, accountId: `account-${i}` };
        }
      } finally {
        closed = true;
      }
    },
    async *ties() {},
  };
  for (const format of EXPORT_FORMAT_NAMES) {
    produced = 0;
    closed = false;
    const stream = exportStream(format, endless);
    const iterator = stream[Symbol.asyncIterator]();
    let read = '';
    for (let i = 0; i < 3; i++) read += ((await iterator.next()).value as Buffer).toString('utf8');
    // Let the stream fill its buffer while nobody reads.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const rowsRead = new Set(read.match(/account-\d+/g)).size;
    const rowBytes = Buffer.byteLength(read) / rowsRead;
    const bufferedBytes = (produced - rowsRead) * rowBytes;
    // Buffered: at most the high-water mark (256 KiB) plus a batch being built (64 KiB) and one in flight.
    t.ok(rowsRead > 100 && bufferedBytes < 512 * 1024, `${format}: ${produced} rows produced, ${rowsRead} read, ~${Math.round(bufferedBytes / 1024)} KiB waiting`);
    await iterator.return!();
    stream.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    t.ok(closed, `${format}: the source's finally ran`);
  }
});
