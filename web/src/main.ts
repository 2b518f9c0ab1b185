/**
 * The niche explorer: pick a graph and an analysis (or open /explorer?analysis=<id>), see
 * its niches on a map (every account coloured by niche when the analysis is small enough,
 * else one node per niche, grouped by community, with drill-down into a niche's members
 * and their ties), read the niche cards, open an account (search or click), and see whom
 * to equip. Every control is a button, link, input or select: all reachable by keyboard.
 */
import Graph from 'graphology';
import { groupColour, nicheRank } from '../../src/explorer/palette.js';
import { ApiProblem, client, listAnalyses, ok, setApiKey, apiKey, type Analysis, type Niche, type NicheGraph } from './api.js';
import { byId, clear, h, int } from './dom.js';
import { randomSeed, seedByGroup, seedByNestedGroups } from './layout.js';
import { ExplorerMap, type MapTimings } from './map.js';
import { activityChart } from './activity-chart.js';
import { accountPanel, ambassadorList, nicheCard, type PanelActions } from './panels.js';

/** Analyses up to these sizes are drawn account by account; larger ones niche by niche. */
const ACCOUNT_VIEW_MAX_ACCOUNTS = 5_000;
const ACCOUNT_VIEW_MAX_TIES = 100_000;
/** Members of a niche drawn on drill-down (most trusted first). */
const DRILL_MAX_MEMBERS = 1_000;
const NICHE_PAGE = 50;
/** Ties between niches are drawn only on demand (toolbar): the niches are the subject. */
let showBetween = false;
/** The accounts view colours accounts by niche (default) or by community (toolbar). */
let colourBy: 'niche' | 'community' = 'niche';
/** Pull of a tie between two niches in the layout, against 1 inside a niche: niches are the subject. */
const INTER_NICHE_PULL = 0.1;

const params = new URLSearchParams(window.location.search);
/**
 * Layout of the accounts view: 'seeded' (default: niches laid out by FA2 on the niche graph,
 * members in discs, drawn at once), 'fa2' (seeded, then ForceAtlas2 in a web worker on every
 * account) or 'random' (random start, then FA2 in the worker). bench/explorer.ts measures them.
 */
const layoutMode = (['seeded', 'fa2', 'random'] as const).find((m) => m === params.get('layout')) ?? 'seeded';
const layoutMs = Number(params.get('layoutMs') ?? 3000);

interface State {
  analysis: Analysis | null;
  niches: Niche[];
  nicheTotal: number;
  communityOf: Map<string, string>;
  window: { from: number; to: number } | null;
  view: 'accounts' | 'niches' | 'niche';
  drillNiche: string | null;
  nicheGraph: NicheGraph | null;
  /** The scope of the ambassadors shown (null: across all niches); a new budget keeps it. */
  ambassadorScope: AmbassadorScope;
}

const state: State = { analysis: null, niches: [], nicheTotal: 0, communityOf: new Map(), window: null, view: 'niches', drillNiche: null, nicheGraph: null, ambassadorScope: null };

// Test and benchmark hooks: when each map was drawn, and what failed.
const probe = {
  maps: [] as MapTimings[],
  errors: [] as string[],
  ready: false,
  /** ms after the data of the accounts map: graph built, positions seeded, sigma constructed (first frame issued). */
  phases: { built: 0, seeded: 0, constructed: 0 },
  /** Page coordinates of a node on the map (to click it), or null. */
  nodePosition: (node: string): { x: number; y: number } | null => map.pagePosition(node),
  /**
   * Layout quality for the benchmark: the share of nodes whose nearest node on the map is
   * in the same niche (attribute `niche`); 1 = every niche drawn as a cluster of its own.
   */
  layoutPurity: (): number => {
    const g = map.graph;
    const nodes = g.nodes().filter((n) => g.getNodeAttribute(n, 'niche') !== undefined);
    const xs = nodes.map((n) => g.getNodeAttribute(n, 'x') as number);
    const ys = nodes.map((n) => g.getNodeAttribute(n, 'y') as number);
    const niche = nodes.map((n) => g.getNodeAttribute(n, 'niche') as string);
    let same = 0;
    for (let i = 0; i < nodes.length; i++) {
      let best = Infinity;
      let at = -1;
      for (let j = 0; j < nodes.length; j++) {
        if (j === i) continue;
        const d = (xs[i]! - xs[j]!) ** 2 + (ys[i]! - ys[j]!) ** 2;
        if (d < best) {
          best = d;
          at = j;
        }
      }
      if (at >= 0 && niche[at] === niche[i]) same++;
    }
    return nodes.length > 1 ? same / nodes.length : 1;
  },
  /**
   * Communities as groups of niches, for the test and the benchmark: over the accounts of
   * communities with several niches, the share whose nearest account of another niche is in
   * the same community (`purity`), next to what it would be by chance if niches were placed
   * regardless of their community (`chance`: the size share of the rest of its community).
   */
  communityPurity: (): { purity: number; chance: number; counted: number } => {
    const g = map.graph;
    const nodes = g.nodes().filter((n) => g.getNodeAttribute(n, 'community'));
    const xs = nodes.map((n) => g.getNodeAttribute(n, 'x') as number);
    const ys = nodes.map((n) => g.getNodeAttribute(n, 'y') as number);
    const niche = nodes.map((n) => g.getNodeAttribute(n, 'niche') as string);
    const community = nodes.map((n) => g.getNodeAttribute(n, 'community') as string);
    const size = (values: string[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());
    const nicheSize = size(niche);
    const communitySize = size(community);
    const nichesOf = new Map<string, Set<string>>();
    nodes.forEach((_n, i) => nichesOf.set(community[i]!, (nichesOf.get(community[i]!) ?? new Set()).add(niche[i]!)));
    let same = 0;
    let chance = 0;
    let counted = 0;
    for (let i = 0; i < nodes.length; i++) {
      if (nichesOf.get(community[i]!)!.size < 2) continue;
      let best = Infinity;
      let at = -1;
      for (let j = 0; j < nodes.length; j++) {
        if (niche[j] === niche[i]) continue;
        const d = (xs[i]! - xs[j]!) ** 2 + (ys[i]! - ys[j]!) ** 2;
        if (d < best) {
          best = d;
          at = j;
        }
      }
      counted++;
      if (at >= 0 && community[at] === community[i]) same++;
      const own = nicheSize.get(niche[i]!)!;
      chance += (communitySize.get(community[i]!)! - own) / (nodes.length - own);
    }
    return { purity: counted > 0 ? same / counted : 1, chance: counted > 0 ? chance / counted : 0, counted };
  },
  /** Attributes of every node on the map (for the tests). */
  nodeAttributes: (keys: string[]): Array<Record<string, unknown>> =>
    map.graph.nodes().map((n) => Object.fromEntries([['node', n], ...keys.map((k) => [k, map.graph.getNodeAttribute(n, k)])])),
  /** Nodes on the map, largest first. */
  nodes: (): string[] => map.graph.nodes().sort((a, b) => (map.graph.getNodeAttribute(b, 'size') as number) - (map.graph.getNodeAttribute(a, 'size') as number)),
};
(window as unknown as { __explorer: typeof probe }).__explorer = probe;

const map = new ExplorerMap(byId('map'));
map.onTimings = (t) => {
  const same = probe.maps.findIndex((m) => m.dataAt === t.dataAt);
  if (same >= 0) probe.maps[same] = t;
  else probe.maps.push(t);
  if (t.drawnAt > 0) byId('map-status').textContent = `${t.view === 'niches' ? 'niches' : 'accounts'}: ${int(t.nodes)} nodes, ${int(t.edges)} links · drawn in ${int(t.drawnAt - t.dataAt)} ms after the data${t.settledAt > 0 ? ', layout settled' : ', layout running'}`;
};

function status(message: string, kind: 'info' | 'error' = 'info'): void {
  const el = byId('status');
  el.textContent = message;
  el.className = kind;
  if (kind === 'error') probe.errors.push(message);
}

function problemText(err: unknown): string {
  if (err instanceof ApiProblem) return `${err.message} (${err.code})`;
  return err instanceof Error ? err.message : String(err);
}

async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof ApiProblem && err.status === 401) {
      showKeyField(true);
      status('This service needs an API key: enter it above (it is kept for this tab only).', 'error');
      return;
    }
    status(problemText(err), 'error');
  }
}

// ---------------------------------------------------------------- API key

function showKeyField(focus: boolean): void {
  const box = byId('key-box');
  box.hidden = false;
  if (focus) byId<HTMLInputElement>('api-key').focus();
}

function initKey(): void {
  const authRequired = document.querySelector('meta[name="nichegraph-auth"]')?.getAttribute('content') === 'required';
  const input = byId<HTMLInputElement>('api-key');
  input.value = apiKey();
  if (authRequired) showKeyField(apiKey() === '');
  byId('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setApiKey(input.value.trim());
    void boot();
  });
}

// ---------------------------------------------------------------- pickers

/** Graphs listed in the picker: every page of GET /v1/graphs (oldest first) up to this many. */
const GRAPH_PICKER_MAX = 5_000;
/** Page size of that listing (?graphPage= only for the tests, which page through a few graphs). */
const GRAPH_PAGE = Math.min(200, Math.max(1, Math.floor(Number(new URLSearchParams(window.location.search).get('graphPage') ?? 200)) || 200));

async function loadGraphs(selected: string | null): Promise<void> {
  const items: Array<{ id: string; name: string }> = [];
  let total = Infinity;
  while (items.length < Math.min(total, GRAPH_PICKER_MAX)) {
    const page = await ok(client.GET('/v1/graphs', { params: { query: { limit: GRAPH_PAGE, offset: items.length } } }));
    total = page.total;
    items.push(...page.items);
    if (page.items.length === 0) break;
  }
  const select = byId<HTMLSelectElement>('graph-select');
  clear(select);
  select.append(h('option', { value: '' }, items.length === 0 ? 'no graphs yet' : 'choose a graph'));
  // Newest first: the graph someone just loaded is at the top.
  for (const g of items.reverse()) select.append(h('option', { value: g.id, selected: g.id === selected }, `${g.name} (${g.id})`));
  // A deep-linked analysis may have opened while the list loaded: keep its graph selected.
  if (state.analysis) showGraph(state.analysis.graphId);
}

/** Selects a graph in the picker, adding it when the list did not hold it (more graphs than it lists). */
function showGraph(graphId: string): void {
  const select = byId<HTMLSelectElement>('graph-select');
  if (![...select.options].some((o) => o.value === graphId)) select.append(h('option', { value: graphId }, graphId));
  select.value = graphId;
}

async function loadAnalysisList(graphId: string, selected: string | null): Promise<void> {
  const select = byId<HTMLSelectElement>('analysis-select');
  clear(select);
  const items = await listAnalyses(graphId);
  if (items === null) {
    // This service has no list of a graph's analyses: type or paste an id instead.
    select.hidden = true;
    byId('analysis-id-box').hidden = false;
    return;
  }
  select.hidden = false;
  select.append(h('option', { value: '' }, items.length === 0 ? 'no analyses yet' : 'choose an analysis'));
  for (const a of items) {
    const label = `${a.createdAt.slice(0, 16).replace('T', ' ')} · ${a.status}${a.summary ? ` · ${a.summary.niches} niches` : ''}`;
    select.append(h('option', { value: a.id, selected: a.id === selected }, label));
  }
}

function initPickers(): void {
  if (document.querySelector('meta[name="nichegraph-analysis-list"]')?.getAttribute('content') !== 'on') {
    byId('analysis-select').hidden = true;
    byId('analysis-id-box').hidden = false;
  }
  byId<HTMLSelectElement>('graph-select').addEventListener('change', (e) => {
    const graphId = (e.target as HTMLSelectElement).value;
    if (graphId !== '') void guarded(() => loadAnalysisList(graphId, null));
  });
  byId<HTMLSelectElement>('analysis-select').addEventListener('change', (e) => {
    const id = (e.target as HTMLSelectElement).value;
    if (id !== '') void guarded(() => openAnalysis(id));
  });
  byId('analysis-id-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = byId<HTMLInputElement>('analysis-id').value.trim();
    if (id !== '') void guarded(() => openAnalysis(id));
  });
}

// ---------------------------------------------------------------- analysis

async function openAnalysis(id: string): Promise<void> {
  status(`Loading analysis ${id}...`);
  let analysis = await ok(client.GET('/v1/analyses/{analysisId}', { params: { path: { analysisId: id }, query: { wait: 0 } } }));
  while (analysis.status === 'queued' || analysis.status === 'running') {
    status(`Analysis ${id} is ${analysis.status}${analysis.progress ? ` (${analysis.progress.phase})` : ''}; waiting...`);
    analysis = await ok(client.GET('/v1/analyses/{analysisId}', { params: { path: { analysisId: id }, query: { wait: 10 } } }));
  }
  if (analysis.status === 'failed') throw new ApiProblem(409, 'NG_ANALYSIS_FAILED', `analysis ${id} failed: ${analysis.error ?? 'no reason given'}`);
  state.analysis = analysis;
  const url = new URL(window.location.href);
  url.searchParams.set('analysis', id);
  window.history.replaceState(null, '', url);
  byId('analysis-title').textContent = `Analysis ${id} of ${analysis.graphId}`;
  const s = analysis.summary;
  byId('analysis-summary').textContent = s
    ? `${int(s.accounts)} accounts · ${int(s.edges)} ties · ${int(s.niches)} niches${s.unassigned ? ` (+${int(s.unassigned)} unassigned)` : ''} · modularity ${s.modularity.toFixed(3)}`
    : '';
  const graphSelect = byId<HTMLSelectElement>('graph-select');
  if (graphSelect.value !== analysis.graphId) {
    showGraph(analysis.graphId);
    void guarded(() => loadAnalysisList(analysis.graphId, id));
  }
  state.niches = [];
  state.nicheTotal = 0;
  clear(byId('niche-list'));
  clear(byId('account-body'));
  byId('account-body').append(h('p', { className: 'muted' }, 'Search an account id above, or click a node on the map.'));
  clear(byId('ambassador-body'));
  // The map and the niche cards first; the ambassadors (their tab is not open yet) after the
  // map's data: on an analysis nobody read since the service started, both the map and the
  // ambassador orders read the whole stored result, and at once they would share one core.
  await Promise.all([loadNichePage(), drawDefaultMap()]);
  await loadAmbassadors(null);
  status(`Analysis ${id}: ${s ? `${int(s.niches)} niches` : 'loaded'}.`);
  probe.ready = true;
}

async function loadNichePage(): Promise<void> {
  const analysisId = state.analysis!.id;
  const page = await ok(client.GET('/v1/analyses/{analysisId}/niches', { params: { path: { analysisId }, query: { limit: NICHE_PAGE, offset: state.niches.length } } }));
  state.niches.push(...page.items);
  state.nicheTotal = page.total;
  // The analysis window, for the activity bars: first to last internal event over all niches seen.
  let from = Infinity;
  let to = -Infinity;
  for (const n of state.niches) {
    if (n.firstActivity) from = Math.min(from, Date.parse(n.firstActivity));
    if (n.lastActivity) to = Math.max(to, Date.parse(n.lastActivity));
  }
  state.window = Number.isFinite(from) && Number.isFinite(to) ? { from, to } : null;
  renderNiches();
}

function renderNiches(): void {
  const list = byId('niche-list');
  clear(list);
  for (const n of state.niches) list.append(nicheCard(n, state.communityOf.get(n.id), state.window, actions));
  if (state.niches.length < state.nicheTotal) {
    list.append(h('button', { type: 'button', className: 'more', onclick: () => void guarded(loadNichePage) }, `Show more niches (${int(state.nicheTotal - state.niches.length)} left)`));
  }
  byId('niche-count').textContent = `${int(state.nicheTotal)}`;
}

// ---------------------------------------------------------------- map views

async function drawDefaultMap(): Promise<void> {
  const s = state.analysis!.summary;
  const small = s !== undefined && s.accounts <= ACCOUNT_VIEW_MAX_ACCOUNTS && s.edges <= ACCOUNT_VIEW_MAX_TIES;
  byId<HTMLButtonElement>('view-accounts').disabled = !(s !== undefined && s.accounts <= 20_000);
  await (small ? drawAccounts() : drawNiches());
}

function setView(view: State['view'], label: string): void {
  state.view = view;
  byId('view-label').textContent = label;
  byId('view-back').hidden = view !== 'niche';
  byId('view-accounts').setAttribute('aria-pressed', String(view === 'accounts'));
  byId('view-niches').setAttribute('aria-pressed', String(view === 'niches'));
  // The niche-level map is always coloured by community; a niche's members by their niche.
  byId<HTMLButtonElement>('view-colour').disabled = view !== 'accounts';
}

/** Communities as groups of niches, largest first (ties by id), as the niche-level graph ranks them. */
function communitiesOf(niches: ReadonlyArray<{ size: number; communityId: string | null; unassigned: boolean }>): {
  list: Array<{ id: string; niches: number; size: number }>;
  index: Map<string, number>;
} {
  const groups = new Map<string, { id: string; niches: number; size: number }>();
  for (const n of niches) {
    if (n.unassigned || n.communityId === null) continue;
    const g = groups.get(n.communityId) ?? { id: n.communityId, niches: 0, size: 0 };
    g.niches++;
    g.size += n.size;
    groups.set(n.communityId, g);
  }
  const list = [...groups.values()].sort((x, y) => y.size - x.size || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return { list, index: new Map(list.map((c, i) => [c.id, i])) };
}

async function drawAccounts(): Promise<void> {
  const analysisId = state.analysis!.id;
  status('Loading every account and tie...');
  const data = await ok(client.GET('/v1/analyses/{analysisId}/graph', { params: { path: { analysisId }, query: { maxAccounts: 20_000 } } }));
  const dataAt = performance.now();
  for (const n of data.niches) if (n.communityId !== null) state.communityOf.set(n.id, n.communityId);
  const graph = new Graph({ type: 'undirected' });
  const { id, niche, score, rank } = data.accounts;
  const communities = communitiesOf(data.niches);
  for (let i = 0; i < id.length; i++) {
    const group = data.niches[niche[i]!]!;
    const community = group.unassigned ? -1 : (communities.index.get(group.communityId ?? '') ?? -1);
    const nicheColour = groupColour(nicheRank(group.id));
    const communityColour = groupColour(community);
    graph.addNode(id[i]!, {
      label: id[i],
      // Graph units for the seeded layout (its spiral spaces members about 1 unit apart), else pixels.
      size: layoutMode === 'seeded' ? 0.42 + 0.28 * Math.sqrt(Math.max(0, score[i]!)) : 2 + 2 * Math.sqrt(Math.max(0, score[i]!)),
      color: colourBy === 'community' ? communityColour : nicheColour,
      nicheColour,
      communityColour,
      niche: group.id,
      community: community >= 0 ? group.communityId : null,
      x: 0,
      y: 0,
    });
  }
  const maxWeight = Math.max(1, ...data.ties.weight.slice(0, 50_000));
  for (let e = 0; e < data.ties.source.length; e++) {
    const w = data.ties.weight[e]!;
    const a = niche[data.ties.source[e]!]!;
    const same = a === niche[data.ties.target[e]!] && !data.niches[a]!.unassigned;
    // Each pair once in the answer: addEdge, without mergeEdge's look-up.
    graph.addEdge(id[data.ties.source[e]!]!, id[data.ties.target[e]!]!, {
      weight: w,
      layoutWeight: same ? 1 : INTER_NICHE_PULL,
      size: (same ? 0.03 + 0.12 * Math.sqrt(w / maxWeight) : 0.02) * (layoutMode === 'seeded' ? 1 : 10),
      color: same ? '#bdbdbd' : '#ececec',
      zIndex: same ? 1 : 0,
      between: !same,
      hidden: !same && !showBetween,
    });
  }
  probe.phases.built = performance.now() - dataAt;
  const groupIndex = new Map(data.niches.map((n, g) => [n.id, g]));
  const indexOf = new Map(id.map((account, i) => [account, i]));
  if (layoutMode === 'random') randomSeed(graph);
  else {
    // Niche links for the seeding, from the ties themselves.
    const links = new Map<string, { a: number; b: number; weight: number }>();
    for (let e = 0; e < data.ties.source.length; e++) {
      const a = niche[data.ties.source[e]!]!;
      const b = niche[data.ties.target[e]!]!;
      if (a === b || data.niches[a]!.unassigned || data.niches[b]!.unassigned) continue;
      const key = a < b ? `${a}-${b}` : `${b}-${a}`;
      const link = links.get(key) ?? { a: Math.min(a, b), b: Math.max(a, b), weight: 0 };
      link.weight += data.ties.weight[e]!;
      links.set(key, link);
    }
    // Communities as groups of niches: each community's niches packed together, the
    // communities placed by the ties between them (layout.ts seedByNestedGroups).
    const communityOfRow = data.niches.map((n) => (n.unassigned ? -1 : (communities.index.get(n.communityId ?? '') ?? -1)));
    const communityLinks = new Map<string, { a: number; b: number; weight: number }>();
    for (const l of links.values()) {
      const a = communityOfRow[l.a]!;
      const b = communityOfRow[l.b]!;
      if (a < 0 || b < 0 || a === b) continue;
      const key = a < b ? `${a}-${b}` : `${b}-${a}`;
      const link = communityLinks.get(key) ?? { a: Math.min(a, b), b: Math.max(a, b), weight: 0 };
      link.weight += l.weight;
      communityLinks.set(key, link);
    }
    seedByNestedGroups(graph, {
      group: (node) => {
        const g = groupIndex.get(graph.getNodeAttribute(node, 'niche') as string)!;
        return data.niches[g]!.unassigned ? -1 : g;
      },
      rank: (node) => rank[indexOf.get(node)!]!,
      groupCount: data.niches.length,
      groupSize: (g) => data.niches[g]!.size,
      groupLinks: [...links.values()],
      parent: (g) => communityOfRow[g]!,
      parentCount: communities.list.length,
      parentLinks: [...communityLinks.values()],
    });
  }
  setView('accounts', `${int(graph.order)} accounts in ${int(data.niches.filter((n) => !n.unassigned).length)} niches and ${int(communities.list.length)} communities, coloured by ${colourBy}`);
  map.onClickNode = (node) => void guarded(() => openAccount(node));
  probe.phases.seeded = performance.now() - dataAt;
  if (layoutMode === 'seeded') map.show(graph, 'accounts', dataAt, 0, 'positions');
  else map.show(graph, 'accounts', dataAt, layoutMs, 'screen');
  probe.phases.constructed = performance.now() - dataAt;
  status(`Map: ${int(graph.order)} accounts, ${int(graph.size)} ties.`);
}

async function drawNiches(): Promise<void> {
  const analysisId = state.analysis!.id;
  status('Loading the niche-level graph...');
  const data = await ok(client.GET('/v1/analyses/{analysisId}/niche-graph', { params: { path: { analysisId }, query: { maxLinks: 5_000 } } }));
  const dataAt = performance.now();
  state.nicheGraph = data;
  const communityRank = new Map(data.communities.map((c, i) => [c.id, i]));
  const graph = new Graph({ type: 'undirected' });
  const niches = data.niches.filter((n) => !n.unassigned);
  for (const n of niches) {
    if (n.communityId !== null) state.communityOf.set(n.id, n.communityId);
    graph.addNode(n.id, {
      label: `${n.id} (${int(n.size)})`,
      size: 0.55 * Math.sqrt(n.size) + 0.5,
      // Colour by community, so that communities read as groups of niches; the label names the niche.
      color: groupColour(communityRank.get(n.communityId ?? '') ?? -1),
      community: n.communityId,
      x: 0,
      y: 0,
    });
  }
  const maxWeight = Math.max(1, ...data.links.map((l) => l.weight));
  for (const l of data.links) {
    if (!graph.hasNode(l.source) || !graph.hasNode(l.target)) continue;
    graph.mergeEdge(l.source, l.target, { weight: l.weight, size: 0.05 + 0.8 * Math.sqrt(l.weight / maxWeight), color: '#c8c8c8' });
  }
  {
    // Communities as groups: seed niches around their community's centre.
    const communities = data.communities;
    const cIndex = new Map(communities.map((c, i) => [c.id, i]));
    const links = new Map<string, { a: number; b: number; weight: number }>();
    for (const l of data.links) {
      const a = cIndex.get(state.communityOf.get(l.source) ?? '');
      const b = cIndex.get(state.communityOf.get(l.target) ?? '');
      if (a === undefined || b === undefined || a === b) continue;
      const key = a < b ? `${a}-${b}` : `${b}-${a}`;
      const link = links.get(key) ?? { a: Math.min(a, b), b: Math.max(a, b), weight: 0 };
      link.weight += l.weight;
      links.set(key, link);
    }
    // Niches come largest first, so rank inside a community = order of appearance.
    const within = new Map<string, number>();
    const rankOf = new Map<string, number>();
    for (const n of niches) {
      const k = within.get(n.communityId ?? '') ?? 0;
      within.set(n.communityId ?? '', k + 1);
      rankOf.set(n.id, k);
    }
    // Spiral slots are about one unit apart: scale by the largest niche's disc, then let noverlap settle sizes.
    const unit = 2 * (0.55 * Math.sqrt(niches[0]?.size ?? 1) + 0.5);
    seedByGroup(graph, {
      group: (node) => cIndex.get(graph.getNodeAttribute(node, 'community') as string) ?? -1,
      rank: (node) => rankOf.get(node) ?? 0,
      groupCount: communities.length,
      groupSize: (g) => communities[g]!.niches,
      groupLinks: [...links.values()],
    }, unit);
  }
  setView('niches', `${int(graph.order)} niches, coloured by community; click one to see its members`);
  map.onClickNode = (node) => void guarded(() => drillInto(node));
  map.show(graph, 'niches', dataAt, 0, 'positions');
  status(`Map: ${int(graph.order)} niches, ${int(graph.size)} links (of ${int(data.totalLinks)}).`);
}

async function drillInto(nicheId: string): Promise<void> {
  const analysisId = state.analysis!.id;
  status(`Loading niche ${nicheId}...`);
  const [members, ties] = await Promise.all([
    ok(client.GET('/v1/analyses/{analysisId}/niches/{nicheId}/members', { params: { path: { analysisId, nicheId }, query: { limit: DRILL_MAX_MEMBERS, offset: 0 } } })),
    ok(client.GET('/v1/analyses/{analysisId}/niches/{nicheId}/ties', { params: { path: { analysisId, nicheId }, query: { limit: 10_000, offset: 0 } } })),
  ]);
  const dataAt = performance.now();
  const graph = new Graph({ type: 'undirected' });
  const colour = groupColour(nicheRank(nicheId));
  members.items.forEach((m) => {
    graph.addNode(m.accountId, { label: m.accountId, size: 3 + 2.5 * Math.sqrt(Math.max(0, m.score)), color: colour, rank: m.rank, x: 0, y: 0 });
  });
  const maxWeight = Math.max(1, ...ties.items.map((t) => t.weight));
  for (const t of ties.items) {
    if (!graph.hasNode(t.source) || !graph.hasNode(t.target)) continue;
    graph.mergeEdge(t.source, t.target, { weight: t.weight, size: 0.3 + 2 * Math.sqrt(t.weight / maxWeight), color: (t.reciprocated ?? 0) > 0 ? '#aaaaaa' : '#dddddd' });
  }
  seedByGroup(graph, { group: () => 0, rank: (n) => graph.getNodeAttribute(n, 'rank') as number, groupCount: 1, groupSize: () => graph.order, groupLinks: [] });
  state.drillNiche = nicheId;
  const shown = members.total > members.items.length ? ` (the ${int(members.items.length)} most trusted of ${int(members.total)})` : '';
  setView('niche', `niche ${nicheId}: ${int(graph.order)} members${shown}, ${int(graph.size)} ties`);
  map.onClickNode = (node) => void guarded(() => openAccount(node));
  // A niche's members and ties: ForceAtlas2 in a web worker shows its inner structure.
  map.show(graph, 'niche', dataAt, Math.min(layoutMs, 2000), 'screen');
  focusCard(nicheId);
  status(`Niche ${nicheId}.`);
}

function focusCard(nicheId: string): void {
  const card = document.querySelector<HTMLElement>(`.card[data-niche="${CSS.escape(nicheId)}"]`);
  if (card) {
    selectTab('niches');
    card.scrollIntoView({ block: 'nearest' });
    card.classList.add('focused');
    setTimeout(() => card.classList.remove('focused'), 1500);
  }
}

// ---------------------------------------------------------------- account and ambassadors

async function openAccount(accountId: string): Promise<void> {
  const analysisId = state.analysis!.id;
  const result = await ok(client.GET('/v1/analyses/{analysisId}/accounts/{accountId}', { params: { path: { analysisId, accountId } } }));
  const body = byId('account-body');
  clear(body);
  body.append(accountPanel(result, actions));
  selectTab('account');
  map.select(accountId);
  status(`Account ${accountId}: niche ${result.niche.id}, score ${result.scores.score.toFixed(2)}.`);
}

/** Whom to equip: across all niches, or only among one niche's or one community's members. */
type AmbassadorScope = { niche: string } | { community: string } | null;

async function loadAmbassadors(scope: AmbassadorScope): Promise<void> {
  const analysisId = state.analysis!.id;
  const budget = Number(byId<HTMLSelectElement>('budget').value);
  const list = await ok(client.GET('/v1/analyses/{analysisId}/ambassadors', { params: { path: { analysisId }, query: { budget, ...(scope ?? {}) } } }));
  const body = byId('ambassador-body');
  clear(body);
  byId('ambassador-scope').textContent = scope === null ? 'across all niches' : 'niche' in scope ? `in niche ${scope.niche}` : `in community ${scope.community}`;
  state.ambassadorScope = scope;
  body.append(ambassadorList(list, actions));
  map.highlight(list.items.map((a) => (state.view === 'niches' ? a.nicheId : a.accountId)));
}

const actions: PanelActions = {
  openAccount: (id) => void guarded(() => openAccount(id)),
  openNiche: (id) => void guarded(() => drillInto(id)),
  ambassadorsOf: (id) =>
    void guarded(async () => {
      await loadAmbassadors({ niche: id });
      selectTab('ambassadors');
    }),
  ambassadorsOfCommunity: (id) =>
    void guarded(async () => {
      await loadAmbassadors({ community: id });
      selectTab('ambassadors');
    }),
  activityOf: (id, bucket, slot) => void loadActivity(id, bucket, slot),
};

/** A niche card's activity chart; a failure is said in the card (the rest of the page stays). */
async function loadActivity(nicheId: string, bucket: 'day' | 'week', slot: HTMLElement): Promise<void> {
  const analysisId = state.analysis!.id;
  try {
    const activity = await ok(client.GET('/v1/analyses/{analysisId}/niches/{nicheId}/activity', { params: { path: { analysisId, nicheId }, query: { bucket } } }));
    if (state.analysis?.id !== analysisId) return;
    clear(slot);
    slot.append(activityChart(activity));
  } catch (err) {
    clear(slot);
    slot.append(h('p', { className: 'muted small' }, `Activity not available: ${(err as Error).message}`));
  }
}

// ---------------------------------------------------------------- tabs, search, keys

function selectTab(name: 'niches' | 'ambassadors' | 'account'): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('[role="tab"]')) {
    const on = tab.dataset.tab === name;
    tab.setAttribute('aria-selected', String(on));
    tab.tabIndex = on ? 0 : -1;
    byId(`panel-${tab.dataset.tab}`).hidden = !on;
  }
}

function initChrome(): void {
  const tabs = [...document.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => selectTab(tab.dataset.tab as 'niches'));
    tab.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length]!;
      selectTab(next.dataset.tab as 'niches');
      next.focus();
    });
  });
  byId('search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const id = byId<HTMLInputElement>('search').value.trim();
    if (id !== '' && state.analysis) void guarded(() => openAccount(id));
  });
  byId('view-accounts').addEventListener('click', () => state.analysis && void guarded(drawAccounts));
  byId('view-niches').addEventListener('click', () => state.analysis && void guarded(drawNiches));
  byId('view-back').addEventListener('click', () => state.analysis && void guarded(drawDefaultMap));
  byId('view-reset').addEventListener('click', () => map.resetCamera());
  byId('view-colour').addEventListener('click', () => {
    colourBy = colourBy === 'niche' ? 'community' : 'niche';
    byId('view-colour').setAttribute('aria-pressed', String(colourBy === 'community'));
    if (state.view !== 'accounts') return;
    map.graph.updateEachNodeAttributes((_n, a) => ({ ...a, color: colourBy === 'community' ? a.communityColour : a.nicheColour }));
    byId('view-label').textContent = (byId('view-label').textContent ?? '').replace(/coloured by \w+$/, `coloured by ${colourBy}`);
  });
  byId('view-between').addEventListener('click', () => {
    showBetween = !showBetween;
    byId('view-between').setAttribute('aria-pressed', String(showBetween));
    map.graph.updateEachEdgeAttributes((_e, a) => (a.between ? { ...a, hidden: !showBetween } : a));
  });
  byId('budget').addEventListener('change', () => state.analysis && void guarded(() => loadAmbassadors(state.ambassadorScope)));
  byId('ambassadors-all').addEventListener('click', () => state.analysis && void guarded(() => loadAmbassadors(null)));
  document.addEventListener('keydown', (e) => {
    const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement;
    if (e.key === '/' && !typing) {
      e.preventDefault();
      byId('search').focus();
    } else if (e.key === 'Escape') {
      map.select(null);
    }
  });
  selectTab('niches');
}

async function boot(): Promise<void> {
  const analysisId = params.get('analysis');
  // The graph list and a deep-linked analysis at once: the map does not wait for the list.
  const graphs = guarded(() => loadGraphs(null));
  await guarded(async () => {
    if (analysisId) await openAnalysis(analysisId);
    else {
      await graphs;
      status('Choose a graph and an analysis.');
    }
  });
  await graphs;
}

initKey();
initPickers();
initChrome();
void boot();
