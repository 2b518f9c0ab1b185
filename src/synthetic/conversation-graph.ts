/**
 * nichegraph synthetic conversation generator: a seeded interaction graph with a known
 * answer, for the demo, the tests and the benchmarks.
 *
 * The shape follows the planted-partition benchmarks with heavy-tailed community sizes
 * and a mixing share of edges leaving the communities (Lancichinetti, Fortunato &
 * Radicchi, "Benchmark graphs for testing community detection algorithms", PRE 78,
 * 046110, 2008). Niches are human-scale (at most Dunbar's 150, Dunbar 1993) and grouped
 * into planted communities: most interactions that leave a niche stay in its community
 * (`crossCommunityShare` of them leave it: 0.2 x 0.1 of all by default), so the analysis' two levels (communities, and
 * niches inside them) both have a planted answer. On top of the planted niches it plants
 * the roles the service must tell apart (see ../../../shared/DOMAIN.md):
 *
 * - trusted members (2-3 per niche): others pick them as close contacts and come back
 *   to them repeatedly, they answer (reciprocal ties), and they sit in triangles
 *   (contacts are built with triadic closure);
 * - broadcasters (brands, celebrities): outside every niche, many one-directional
 *   mentions and shares from everywhere, almost never answering;
 * - negative interactions (ratings with a negative weight): disputes between ordinary
 *   members, and a few trolls who receive many of them.
 *
 * Pure: no I/O, no clock, no Math.random. The same options give byte-identical output.
 */

export type InteractionType = 'reply' | 'mention' | 'share' | 'message' | 'rating';

export interface ConversationGraphOptions {
  /** Seed of the pseudo-random generator (any 32-bit integer). */
  seed?: number;
  /** Number of accounts, broadcasters included. */
  accounts?: number;
  /** Number of planted niches; every account that is not a broadcaster belongs to exactly one. */
  niches?: number;
  /** Bounds of a niche's size. */
  minNicheSize?: number;
  maxNicheSize?: number;
  /** Tail exponent of the truncated power law the niche sizes are drawn from (smaller = heavier tail). */
  sizeExponent?: number;
  /** Exact number of interactions generated. */
  interactions?: number;
  /** Length of the observation window, in days, starting at `start`. */
  days?: number;
  /** ISO 8601 start of the observation window. */
  start?: string;
  /** Share of all interactions that go between members of two different niches. */
  crossNicheShare?: number;
  /** Planted communities (at most one per niche); niche c belongs to community c mod communities (niches are largest first). */
  communities?: number;
  /** Share of the cross-niche interactions that also leave the niche's community. */
  crossCommunityShare?: number;
  /** Share of all interactions addressed to (or answered by) the broadcasters. */
  broadcasterShare?: number;
  /** Share of all interactions that are negative ratings (disputes and trolls). */
  negativeShare?: number;
  /** Number of global broadcasters (brand / celebrity accounts, in no niche). */
  broadcasters?: number;
  /** Number of trolls (ordinary niche members who receive many negative ratings), at most one per niche. */
  trolls?: number;
}

export interface SyntheticAccount {
  id: string;
  properties: { handle: string; joined: string };
}

export interface SyntheticInteraction {
  id: string;
  source: string;
  target: string;
  type: InteractionType;
  /** Raw weight of the event; negative for a negative rating. */
  weight: number;
  /** ISO 8601, UTC, millisecond precision. */
  timestamp: string;
}

export interface PlantedNiche {
  id: string;
  /** Account ids, ascending. */
  members: string[];
  /** The planted trusted members of the niche (a subset of members), ascending. */
  trusted: string[];
}

export interface PlantedCommunity {
  id: string;
  /** Ids of its planted niches, largest first. */
  niches: string[];
  /** Account ids, ascending. */
  members: string[];
}

export interface PlantedTruth {
  /** Largest niche first. */
  niches: PlantedNiche[];
  /** The planted communities (groups of niches). */
  communities: PlantedCommunity[];
  /** Account ids of the broadcasters, most popular first. */
  broadcasters: string[];
  /** Account ids of the trolls (each also a member of a planted niche). */
  trolls: string[];
}

export interface ConversationGraph {
  /** Sorted by id. */
  accounts: SyntheticAccount[];
  /** Sorted by timestamp; ids "e000001", ... follow that order. */
  interactions: SyntheticInteraction[];
  planted: PlantedTruth;
}

export const DEFAULTS: Readonly<Required<ConversationGraphOptions>> = Object.freeze({
  seed: 7,
  accounts: 3000,
  niches: 60,
  minNicheSize: 10,
  maxNicheSize: 150,
  sizeExponent: 0.6,
  interactions: 70_000,
  days: 30,
  start: '2024-05-01T00:00:00.000Z',
  crossNicheShare: 0.2,
  communities: 8,
  crossCommunityShare: 0.1,
  broadcasterShare: 0.05,
  negativeShare: 0.03,
  broadcasters: 4,
  trolls: 6,
});

/** The raw weight of each interaction type (a rating carries its own signed value). */
export const TYPE_WEIGHTS: Readonly<Record<Exclude<InteractionType, 'rating'>, number>> = Object.freeze({
  reply: 1,
  message: 2,
  share: 1,
  mention: 0.5,
});

const PREFIX = 'nichegraph/synthetic/conversation-graph';
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

/** Probability that a member answers an interaction, by role and closeness. */
const ANSWER_TRUSTED = 0.85;
const ANSWER_CLOSE = 0.5;
const ANSWER_LOOSE = 0.2;
const ANSWER_CROSS = 0.2;
const ANSWER_BROADCASTER = 0.03;
const RETALIATE = 0.25;
/** Inside a niche, the share of conversations started with a close contact. */
const CLOSE_SHARE = 0.75;
/** While building contacts, the probability of closing a triangle (friend of a friend). */
const TRIADIC_CLOSURE = 0.45;
/** Share of the negative budget aimed at trolls (the rest are disputes). */
const TROLL_SHARE = 0.55;

type TypeMix = ReadonlyArray<readonly [InteractionType, number]>;
const CLOSE_MIX: TypeMix = [['reply', 0.38], ['message', 0.27], ['mention', 0.12], ['share', 0.13], ['rating', 0.1]];
const LOOSE_MIX: TypeMix = [['reply', 0.3], ['mention', 0.3], ['share', 0.3], ['rating', 0.1]];
const ANSWER_MIX: TypeMix = [['reply', 0.7], ['message', 0.3]];
const BROADCAST_MIX: TypeMix = [['mention', 0.5], ['share', 0.45], ['reply', 0.05]];

const ADJECTIVES = ['quiet', 'bright', 'calm', 'eager', 'gentle', 'lucky', 'merry', 'nimble', 'proud', 'witty',
  'brave', 'clever', 'jolly', 'kind', 'lively', 'sunny', 'bold', 'cosy', 'daring', 'fuzzy'];
const NOUNS = ['otter', 'heron', 'maple', 'comet', 'fox', 'lynx', 'pebble', 'willow', 'finch', 'badger',
  'river', 'cedar', 'falcon', 'meadow', 'koala', 'harbor', 'orchid', 'walrus', 'ember', 'tulip'];

type Rng = () => number;

/** splitmix32 finaliser: spreads a user seed over 32 bits so that nearby seeds give unrelated streams. */
function splitmix32(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** mulberry32 (Tommy Ettinger): a small 32-bit generator, uniform in [0, 1). */
function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}

function pickOf<T>(rng: Rng, items: readonly T[]): T {
  const item = items[randInt(rng, items.length)];
  if (item === undefined) throw new Error(`${PREFIX}: internal error, pick from an empty list`);
  return item;
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    const tmp = items[i] as T;
    items[i] = items[j] as T;
    items[j] = tmp;
  }
  return items;
}

function exponential(rng: Rng, mean: number): number {
  return -Math.log(1 - rng()) * mean;
}

/** Number of failures before the first success, capped. */
function geometric(rng: Rng, success: number, cap: number): number {
  let n = 0;
  while (n < cap && rng() >= success) n++;
  return n;
}

function pickType(rng: Rng, mix: TypeMix): InteractionType {
  let u = rng();
  for (const [type, share] of mix) {
    if (u < share) return type;
    u -= share;
  }
  const last = mix[mix.length - 1];
  if (last === undefined) throw new Error(`${PREFIX}: internal error, empty type mix`);
  return last[0];
}

/** Samples items proportionally to their weights (cumulative sums + binary search). */
function weightedPicker(items: readonly number[], weights: readonly number[]): (rng: Rng) => number {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    total += weights[i] ?? 0;
    cumulative[i] = total;
  }
  if (!(total > 0)) throw new Error(`${PREFIX}: internal error, no positive weight to sample from`);
  return (rng) => {
    const u = rng() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cumulative[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    return items[lo] ?? 0;
  };
}

function validate(o: Required<ConversationGraphOptions>): number {
  const integer = (name: keyof ConversationGraphOptions, min: number): void => {
    const v = o[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
      throw new Error(`${PREFIX}: option ${name} must be an integer >= ${min}, got ${String(v)}`);
    }
  };
  const share = (name: keyof ConversationGraphOptions): void => {
    const v = o[name];
    if (typeof v !== 'number' || !(v >= 0 && v < 1)) {
      throw new Error(`${PREFIX}: option ${name} must be a number in [0, 1), got ${String(v)}`);
    }
  };
  if (!Number.isInteger(o.seed)) throw new Error(`${PREFIX}: option seed must be an integer, got ${String(o.seed)}`);
  integer('accounts', 10);
  integer('niches', 1);
  integer('minNicheSize', 5);
  integer('maxNicheSize', o.minNicheSize);
  integer('interactions', 1);
  integer('broadcasters', 0);
  integer('trolls', 0);
  if (!(o.days > 0)) throw new Error(`${PREFIX}: option days must be > 0, got ${String(o.days)}`);
  if (!(o.sizeExponent > 0)) throw new Error(`${PREFIX}: option sizeExponent must be > 0, got ${String(o.sizeExponent)}`);
  share('crossNicheShare');
  share('crossCommunityShare');
  integer('communities', 1);
  share('broadcasterShare');
  share('negativeShare');
  if (o.crossNicheShare + o.broadcasterShare + o.negativeShare >= 0.9) {
    throw new Error(`${PREFIX}: crossNicheShare + broadcasterShare + negativeShare must stay below 0.9`);
  }
  if (o.niches < 2 && o.crossNicheShare > 0) {
    throw new Error(`${PREFIX}: crossNicheShare > 0 needs at least 2 niches`);
  }
  if (o.broadcasters === 0 && o.broadcasterShare > 0) {
    throw new Error(`${PREFIX}: broadcasterShare > 0 needs at least one broadcaster`);
  }
  if (o.trolls > o.niches) throw new Error(`${PREFIX}: option trolls (${o.trolls}) cannot exceed niches (${o.niches})`);
  const start = Date.parse(o.start);
  if (!Number.isFinite(start)) throw new Error(`${PREFIX}: option start must be an ISO 8601 date, got ${o.start}`);
  const members = o.accounts - o.broadcasters;
  if (members < o.niches * o.minNicheSize || members > o.niches * o.maxNicheSize) {
    throw new Error(
      `${PREFIX}: ${members} niche members (accounts - broadcasters) cannot fill ${o.niches} niches ` +
        `of ${o.minNicheSize}..${o.maxNicheSize} members`,
    );
  }
  return start;
}

/**
 * Niche sizes from a power law truncated to [min, max] (inverse transform), scaled to the
 * wanted total, then brought to the exact total by growing or shrinking niches in
 * proportion to their size, which keeps the tail heavy.
 */
function nicheSizes(rng: Rng, o: Required<ConversationGraphOptions>, total: number): number[] {
  const { minNicheSize: lo, maxNicheSize: hi, sizeExponent: alpha } = o;
  const ratio = Math.pow(lo / hi, alpha);
  const raw: number[] = [];
  for (let i = 0; i < o.niches; i++) raw.push(lo * Math.pow(1 - rng() * (1 - ratio), -1 / alpha));
  const scale = total / raw.reduce((a, b) => a + b, 0);
  const sizes = raw.map((x) => Math.min(hi, Math.max(lo, Math.round(x * scale))));
  let sum = sizes.reduce((a, b) => a + b, 0);
  while (sum !== total) {
    const grow = sum < total;
    const open: number[] = [];
    const weights: number[] = [];
    sizes.forEach((s, i) => {
      if (grow ? s < hi : s > lo) {
        open.push(i);
        weights.push(s);
      }
    });
    const i = weightedPicker(open, weights)(rng);
    sizes[i] = (sizes[i] ?? 0) + (grow ? 1 : -1);
    sum += grow ? 1 : -1;
  }
  return sizes.sort((a, b) => b - a);
}

interface NicheState {
  members: number[];
  trusted: number[];
  /** contacts[k] = account indices of the close contacts of members[k]. */
  contacts: number[][];
  closeSets: Array<Set<number>>;
  localIndex: Map<number, number>;
  pickActive: (rng: Rng) => number;
  pickAttractive: (rng: Rng) => number;
}

function buildContacts(rng: Rng, members: number[], pickLocal: (rng: Rng) => number, trustedLocal: number[]) {
  const s = members.length;
  const contacts: number[][] = members.map(() => []);
  const sets: Array<Set<number>> = members.map(() => new Set<number>());
  const link = (a: number, b: number): void => {
    if (a === b || (sets[a] as Set<number>).has(b)) return;
    (sets[a] as Set<number>).add(b);
    (sets[b] as Set<number>).add(a);
    (contacts[a] as number[]).push(b);
    (contacts[b] as number[]).push(a);
  };
  for (let a = 0; a < trustedLocal.length; a++) {
    for (let b = a + 1; b < trustedLocal.length; b++) link(trustedLocal[a] as number, trustedLocal[b] as number);
  }
  for (let i = 0; i < s; i++) {
    const want = Math.min(s - 1, 3 + randInt(rng, 4));
    const mine = contacts[i] as number[];
    for (let tries = 0; mine.length < want && tries < 40; tries++) {
      let j: number;
      if (mine.length > 0 && rng() < TRIADIC_CLOSURE) {
        j = pickOf(rng, contacts[pickOf(rng, mine)] as number[]);
      } else {
        j = pickLocal(rng);
      }
      link(i, j);
    }
  }
  return contacts.map((list) => list.map((k) => members[k] as number));
}

/** The planted graph, with the same options -> byte-identical output. */
export function generateConversationGraph(options: ConversationGraphOptions = {}): ConversationGraph {
  const given: Required<ConversationGraphOptions> = { ...DEFAULTS, ...options };
  // More communities than niches would leave some empty: at most one per niche.
  const o: Required<ConversationGraphOptions> = { ...given, communities: Math.min(given.communities, given.niches) };
  const startMs = validate(o);
  const endMs = startMs + Math.round(o.days * DAY_MS);
  const rng = mulberry32(splitmix32(o.seed));

  // --- accounts and roles ---------------------------------------------------------
  const n = o.accounts;
  const memberCount = n - o.broadcasters;
  const order = shuffle(rng, Array.from({ length: n }, (_, i) => i));
  const broadcasterIdx = order.slice(0, o.broadcasters);
  const sizes = nicheSizes(rng, o, memberCount);
  const nicheOf = new Int32Array(n).fill(-1);
  const isTrusted = new Uint8Array(n);
  const activity = new Float64Array(n);
  const attractiveness = new Float64Array(n);
  const niches: NicheState[] = [];
  let cursor = o.broadcasters;
  for (let c = 0; c < sizes.length; c++) {
    const size = sizes[c] as number;
    const members = order.slice(cursor, cursor + size);
    cursor += size;
    const trustedCount = size >= 30 ? 2 + randInt(rng, 2) : 2;
    const trusted = members.slice(0, trustedCount);
    for (const m of members) {
      nicheOf[m] = c;
      activity[m] = 0.5 + rng();
      attractiveness[m] = 0.5 + rng();
    }
    for (const t of trusted) {
      isTrusted[t] = 1;
      activity[t] = 2.5 + rng();
      attractiveness[t] = 8 + 4 * rng();
    }
    const local = members.map((_, k) => k);
    const pickLocal = weightedPicker(local, members.map((m) => attractiveness[m] ?? 0));
    const contacts = buildContacts(rng, members, pickLocal, trusted.map((_, k) => k));
    niches.push({
      members,
      trusted,
      contacts,
      closeSets: contacts.map((list) => new Set(list)),
      localIndex: new Map(members.map((m, k) => [m, k])),
      pickActive: weightedPicker(members, members.map((m) => activity[m] ?? 0)),
      pickAttractive: weightedPicker(members, members.map((m) => attractiveness[m] ?? 0)),
    });
  }
  const allMembers = order.slice(o.broadcasters);
  const pickAnyMember = weightedPicker(allMembers, allMembers.map((m) => activity[m] ?? 0));
  const trollIdx: number[] = [];
  for (const c of shuffle(rng, niches.map((_, i) => i)).slice(0, o.trolls)) {
    const niche = niches[c] as NicheState;
    trollIdx.push(niche.members[niche.trusted.length + randInt(rng, niche.members.length - niche.trusted.length)] as number);
  }
  const isTroll = new Uint8Array(n);
  for (const t of trollIdx) isTroll[t] = 1;

  // --- events -------------------------------------------------------------------------
  const evSource: number[] = [];
  const evTarget: number[] = [];
  const evType: InteractionType[] = [];
  const evWeight: number[] = [];
  const evTime: number[] = [];
  let budget = 0;
  const randomTime = (): number => startMs + rng() * (endMs - startMs);
  const weightOf = (type: InteractionType): number =>
    type === 'rating' ? 1 + randInt(rng, 5) : TYPE_WEIGHTS[type];
  /** Records one event if the current budget allows; false once the budget is spent. The caller keeps t inside the window. */
  const emit = (source: number, target: number, type: InteractionType, weight: number, t: number): boolean => {
    if (budget <= 0) return false;
    if (source === target) throw new Error(`${PREFIX}: internal error, self-interaction on account ${source}`);
    evSource.push(source);
    evTarget.push(target);
    evType.push(type);
    evWeight.push(weight);
    evTime.push(Math.floor(t));
    budget--;
    return true;
  };
  /** A conversation: `repeats` interactions source -> target over days, each possibly answered. */
  const converse = (source: number, target: number, mix: TypeMix, repeats: number, answer: number): void => {
    let t = randomTime();
    for (let r = 0; r < repeats; r++) {
      const type = pickType(rng, mix);
      if (!emit(source, target, type, weightOf(type), t)) return;
      if (rng() < answer) {
        const back = pickType(rng, ANSWER_MIX);
        const at = t + exponential(rng, 30 * MINUTE_MS);
        if (at < endMs && !emit(target, source, back, weightOf(back), at)) return;
      }
      t += exponential(rng, 18 * HOUR_MS);
      if (t >= endMs) return;
    }
  };
  const negative = (source: number, target: number, retaliate: boolean): void => {
    const t = randomTime();
    if (!emit(source, target, 'rating', -(1 + randInt(rng, 5)), t)) return;
    if (!retaliate || rng() >= RETALIATE) return;
    const at = t + exponential(rng, 3 * HOUR_MS);
    if (at < endMs) emit(target, source, 'rating', -(1 + randInt(rng, 5)), at);
  };
  const otherMember = (not: number, pick: () => number): number => {
    for (;;) {
      const m = pick();
      if (m !== not) return m;
    }
  };

  const total = o.interactions;
  const negativeBudget = Math.round(total * o.negativeShare);
  const broadcasterBudget = Math.round(total * o.broadcasterShare);
  const crossBudget = Math.round(total * o.crossNicheShare);
  const intraBudget = total - negativeBudget - broadcasterBudget - crossBudget;

  // Inside the niches: every member first opens one conversation with a close contact, then
  // conversations start from active members, mostly with close contacts, else with the
  // niche's most attractive members. Trusted members answer almost always.
  let intraLeft = intraBudget;
  let membersLeft = memberCount;
  for (const niche of niches) {
    const share = Math.round((intraLeft * niche.members.length) / membersLeft);
    intraLeft -= share;
    membersLeft -= niche.members.length;
    budget = share;
    const answerOf = (target: number, close: boolean): number =>
      isTrusted[target] ? ANSWER_TRUSTED : close ? ANSWER_CLOSE : ANSWER_LOOSE;
    const start = (source: number): void => {
      const contacts = niche.contacts[niche.localIndex.get(source) ?? -1] ?? [];
      let target: number;
      if (contacts.length > 0 && rng() < CLOSE_SHARE) target = pickOf(rng, contacts);
      else target = otherMember(source, () => niche.pickAttractive(rng));
      const close = niche.closeSets[niche.localIndex.get(source) ?? -1]?.has(target) ?? false;
      const repeats = close ? 1 + geometric(rng, 0.4, 7) : rng() < 0.25 ? 2 : 1;
      converse(source, target, close ? CLOSE_MIX : LOOSE_MIX, repeats, answerOf(target, close));
    };
    for (const m of shuffle(rng, niche.members.slice())) start(m);
    while (budget > 0) start(niche.pickActive(rng));
  }

  // Across niches: loose, mostly one-off, seldom answered; mostly inside the community.
  const communityOf = (m: number): number => (nicheOf[m] as number) % o.communities;
  const communityMembers: number[][] = Array.from({ length: o.communities }, () => []);
  for (const m of allMembers) communityMembers[communityOf(m)]?.push(m);
  const nichesIn = new Int32Array(o.communities);
  for (let c = 0; c < niches.length; c++) nichesIn[c % o.communities] = (nichesIn[c % o.communities] as number) + 1;
  budget = crossBudget;
  while (budget > 0) {
    const source = pickAnyMember(rng);
    const home = communityOf(source);
    const leave = (nichesIn[home] as number) < 2 || rng() < o.crossCommunityShare;
    const pool = leave ? allMembers : (communityMembers[home] as number[]);
    const target = otherMember(source, () => {
      for (;;) {
        const m = pickOf(rng, pool);
        if (nicheOf[m] !== nicheOf[source] && (!leave || o.communities === 1 || communityOf(m) !== home)) return m;
      }
    });
    converse(source, target, LOOSE_MIX, rng() < 0.2 ? 2 : 1, ANSWER_CROSS);
  }

  // Broadcasters: attention from everywhere (popularity ~ 1 / rank), almost never returned.
  budget = broadcasterBudget;
  if (broadcasterIdx.length > 0) {
    const pickBroadcaster = weightedPicker(broadcasterIdx, broadcasterIdx.map((_, r) => 1 / (r + 1)));
    while (budget > 0) {
      const source = pickOf(rng, allMembers);
      converse(source, pickBroadcaster(rng), BROADCAST_MIX, rng() < 0.3 ? 2 : 1, ANSWER_BROADCASTER);
    }
  }

  // Negative ratings: trolls rated down from their niche and beyond; disputes between
  // ordinary members, mostly inside a niche, sometimes answered in kind.
  budget = negativeBudget;
  const ordinary = allMembers.filter((m) => !isTrusted[m] && !isTroll[m]);
  while (budget > 0) {
    if (trollIdx.length > 0 && rng() < TROLL_SHARE) {
      const troll = pickOf(rng, trollIdx);
      const home = niches[nicheOf[troll] ?? 0] as NicheState;
      const rater = rng() < 0.6
        ? otherMember(troll, () => pickOf(rng, home.members))
        : otherMember(troll, () => pickOf(rng, allMembers));
      negative(rater, troll, true);
    } else {
      const a = pickOf(rng, ordinary);
      const home = niches[nicheOf[a] ?? 0] as NicheState;
      const b = rng() < 0.7
        ? otherMember(a, () => {
            for (;;) {
              const m = pickOf(rng, home.members);
              if (!isTrusted[m] && !isTroll[m]) return m;
            }
          })
        : otherMember(a, () => pickOf(rng, ordinary));
      negative(a, b, true);
    }
  }

  // --- output ---------------------------------------------------------------------------
  const idWidth = Math.max(4, String(n).length);
  const accountId = (i: number): string => `u${String(i + 1).padStart(idWidth, '0')}`;
  const accounts: SyntheticAccount[] = [];
  for (let i = 0; i < n; i++) {
    const joined = new Date(startMs - (1 + randInt(rng, 6 * 365)) * DAY_MS).toISOString().slice(0, 10);
    const handle = `${pickOf(rng, ADJECTIVES)}_${pickOf(rng, NOUNS)}_${i + 1}`;
    accounts.push({ id: accountId(i), properties: { handle, joined } });
  }

  const eventOrder = Array.from({ length: evTime.length }, (_, i) => i);
  eventOrder.sort((a, b) => (evTime[a] as number) - (evTime[b] as number) || a - b);
  const eventWidth = Math.max(6, String(evTime.length).length);
  const interactions: SyntheticInteraction[] = eventOrder.map((e, k) => ({
    id: `e${String(k + 1).padStart(eventWidth, '0')}`,
    source: accountId(evSource[e] as number),
    target: accountId(evTarget[e] as number),
    type: evType[e] as InteractionType,
    weight: evWeight[e] as number,
    timestamp: new Date(evTime[e] as number).toISOString(),
  }));

  const sortedIds = (idx: number[]): string[] => idx.map(accountId).sort();
  const nicheWidth = Math.max(2, String(niches.length).length);
  return {
    accounts,
    interactions,
    planted: {
      niches: niches.map((niche, c) => ({
        id: `p${String(c + 1).padStart(nicheWidth, '0')}`,
        members: sortedIds(niche.members),
        trusted: sortedIds(niche.trusted),
      })),
      communities: Array.from({ length: o.communities }, (_, k) => ({
        id: `k${String(k + 1).padStart(Math.max(2, String(o.communities).length), '0')}`,
        niches: niches.map((_, c) => c).filter((c) => c % o.communities === k).map((c) => `p${String(c + 1).padStart(nicheWidth, '0')}`),
        members: sortedIds(communityMembers[k] as number[]),
      })),
      broadcasters: broadcasterIdx.map(accountId),
      trolls: sortedIds(trollIdx),
    },
  };
}
