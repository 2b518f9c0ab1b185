/**
 * Roles of accounts in their niches, and broadcast-only global hubs.
 *
 * [Reference]: R. Guimera & L. A. N. Amaral, "Functional cartography of complex
 * metabolic networks", Nature 433:895 (2005). On the undirected positive ties (distinct
 * contacts, unweighted as in the paper):
 * - within-niche degree z-score z_i = (kappa_i - mean_c(kappa)) / sd_c(kappa), kappa_i
 *   = contacts of i inside its niche c (z = 0 when the niche's sd is 0);
 * - participation coefficient P_i = 1 - sum_s (k_is / k_i)^2 over niches s.
 * Hubs have z >= 2.5: provincial hub (P <= 0.30, the nano-influencer shape), connector
 * hub (P <= 0.75, a bridge between niches), kinless hub (above). Non-hubs:
 * ultra-peripheral (P <= 0.05), peripheral (P <= 0.62), connector (P <= 0.80), kinless.
 *
 * Broadcaster: a celebrity/brand shape (DOMAIN.md), a huge audience with few reciprocal
 * ties. The audience test is the paper's hub cut-off applied to the whole graph instead
 * of one niche: in-contacts (distinct accounts that wrote to it) with a z-score >= 2.5
 * over all accounts. "Few reciprocal ties": it wrote back to fewer than
 * `broadcastAnswerShare` (10%) of those in-contacts. This label wins over the others.
 */
import { inRows, type CompactGraph, type Csr } from './compact-graph.js';
import type { AccountRole } from './types.js';

export const DEFAULTS = {
  hubZ: 2.5,
  broadcastAnswerShare: 0.1,
};

/** The role labels are declared with the result types (types.ts). */
export type Role = AccountRole;

export const ROLES: readonly Role[] = [
  'isolated',
  'ultra-peripheral',
  'peripheral',
  'connector',
  'kinless',
  'provincial-hub',
  'connector-hub',
  'kinless-hub',
  'broadcaster',
];

export interface Roles {
  withinDegreeZ: Float64Array;
  participation: Float64Array;
  /** Distinct accounts that wrote to i (positive), and the share of them i wrote back to. */
  inContacts: Int32Array;
  answeredShare: Float64Array;
  role: Role[];
  /** The same roles as indices into ROLES. */
  roleIndex: Uint8Array;
}

const PREFIX = 'nichegraph/analysis/roles';

const ISOLATED = ROLES.indexOf('isolated');
const ULTRA_PERIPHERAL = ROLES.indexOf('ultra-peripheral');
const PERIPHERAL = ROLES.indexOf('peripheral');
const CONNECTOR = ROLES.indexOf('connector');
const KINLESS = ROLES.indexOf('kinless');
const PROVINCIAL_HUB = ROLES.indexOf('provincial-hub');
const CONNECTOR_HUB = ROLES.indexOf('connector-hub');
const KINLESS_HUB = ROLES.indexOf('kinless-hub');

export function roleOf(z: number, p: number, degree: number, hubZ = DEFAULTS.hubZ): Role {
  return ROLES[roleIndexOf(z, p, degree, hubZ)] as Role;
}

/** roleOf as an index into ROLES. */
function roleIndexOf(z: number, p: number, degree: number, hubZ: number): number {
  if (degree === 0) return ISOLATED;
  if (z >= hubZ) return p <= 0.3 ? PROVINCIAL_HUB : p <= 0.75 ? CONNECTOR_HUB : KINLESS_HUB;
  return p <= 0.05 ? ULTRA_PERIPHERAL : p <= 0.62 ? PERIPHERAL : p <= 0.8 ? CONNECTOR : KINLESS;
}

/**
 * `reciprocalWeight` (tie-strength.ts TieWeights, per entry of graph.undirected), when
 * given, counts the in-contacts an account wrote back to from its undirected row
 * (answeredContacts) instead of walking its in- and out-rows: the undirected row of t holds
 * every account t wrote to or that wrote to t, and min(w_tj, w_jt) > 0 exactly when both
 * arcs exist (positive weights).
 */
export function accountRoles(graph: CompactGraph, community: Int32Array, count: number, reciprocalWeight?: Float64Array): Roles {
  const rows = inRows(graph.order, graph.out);
  const columns = roleColumns({ order: graph.order, undirected: graph.undirected, out: graph.out, inOffsets: rows.offsets, inSources: rows.sources, community, count, ...(reciprocalWeight === undefined ? {} : { answered: answeredContacts(graph.undirected, reciprocalWeight) }) });
  return { ...columns, role: Array.from(columns.roleIndex, (r) => ROLES[r] as Role) };
}

/** What roleColumns reads: plain typed arrays (so it can run as a side task, side-tasks.ts). */
export interface RolesInput {
  order: number;
  undirected: Csr;
  out: Csr;
  /** The in-rows of `out` (compact-graph.ts inRows). */
  inOffsets: Int32Array;
  inSources: Int32Array;
  community: Int32Array;
  count: number;
  /** Per account, the in-contacts it wrote back to (answeredContacts); counted from the rows when absent. */
  answered?: Int32Array;
}

/**
 * Per account, the entries of its undirected row with a reciprocated weight (tie-strength.ts
 * reciprocalWeight > 0): the accounts that wrote to it and that it wrote back to. A count per
 * account, not the weights per entry, so a side task carries a fraction of the memory.
 */
export function answeredContacts(undirected: Csr, reciprocalWeight: Float64Array): Int32Array {
  const order = undirected.offsets.length - 1;
  if (reciprocalWeight.length !== undirected.targets.length) throw new RangeError(`${PREFIX}: reciprocalWeight must align with the undirected adjacency.`);
  const answered = new Int32Array(order);
  for (let i = 0; i < order; i++) {
    let both = 0;
    for (let e = undirected.offsets[i] as number, end = undirected.offsets[i + 1] as number; e < end; e++) if ((reciprocalWeight[e] as number) > 0) both++;
    answered[i] = both;
  }
  return answered;
}

/** The roles without their names (accountRoles' typed columns). */
export type RoleColumns = Omit<Roles, 'role'>;

/** accountRoles on plain arrays, without the role names. */
export function roleColumns(input: RolesInput): RoleColumns {
  const { order, undirected, out, community, count } = input;
  if (community.length !== order) throw new RangeError(`${PREFIX}: community has ${community.length} labels for ${order} accounts.`);
  if (input.answered !== undefined && input.answered.length !== order) throw new RangeError(`${PREFIX}: answered has ${input.answered.length} counts for ${order} accounts.`);
  const counted = input.answered !== undefined;
  const answered = input.answered ?? new Int32Array(order);

  // Contacts per niche of each account, counted in `perNiche` (indexed by niche, reset
  // through the list of niches touched): no map, one pass over the undirected rows.
  const kappa = new Float64Array(order);
  const participation = new Float64Array(order);
  const perNiche = new Int32Array(count);
  const touched = new Int32Array(count);
  for (let i = 0; i < order; i++) {
    const start = undirected.offsets[i] as number;
    const end = undirected.offsets[i + 1] as number;
    const k = end - start;
    if (k === 0) continue;
    let n = 0;
    for (let e = start; e < end; e++) {
      const s = community[undirected.targets[e] as number] as number;
      if (perNiche[s] === 0) touched[n++] = s;
      perNiche[s] = (perNiche[s] as number) + 1;
    }
    kappa[i] = perNiche[community[i] as number] as number;
    let sum = 0;
    for (let q = 0; q < n; q++) {
      const s = touched[q] as number;
      const kis = perNiche[s] as number;
      sum += (kis / k) * (kis / k);
      perNiche[s] = 0;
    }
    participation[i] = 1 - sum;
  }

  const mean = new Float64Array(count);
  const sq = new Float64Array(count);
  const size = new Float64Array(count);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    mean[c] = (mean[c] as number) + (kappa[i] as number);
    sq[c] = (sq[c] as number) + (kappa[i] as number) ** 2;
    size[c] = (size[c] as number) + 1;
  }
  const withinDegreeZ = new Float64Array(order);
  for (let i = 0; i < order; i++) {
    const c = community[i] as number;
    const n = size[c] as number;
    const mu = (mean[c] as number) / n;
    const sd = Math.sqrt(Math.max(0, (sq[c] as number) / n - mu * mu));
    withinDegreeZ[i] = sd > 1e-12 ? ((kappa[i] as number) - mu) / sd : 0;
  }

  // Audience: distinct positive in-contacts of t, and how many of them t wrote back to:
  // t's in-row and out-row, both sorted by account, walked side by side.
  const inArcs = { offsets: input.inOffsets, sources: input.inSources };
  const inContacts = new Int32Array(order);
  for (let t = 0; t < order; t++) {
    const inStart = inArcs.offsets[t] as number;
    const inEnd = inArcs.offsets[t + 1] as number;
    inContacts[t] = inEnd - inStart;
    if (counted) continue;
    let o = out.offsets[t] as number;
    const oEnd = out.offsets[t + 1] as number;
    let both = 0;
    for (let q = inStart; q < inEnd && o < oEnd; q++) {
      const s = inArcs.sources[q] as number;
      while (o < oEnd && (out.targets[o] as number) < s) o++;
      if (o < oEnd && out.targets[o] === s) both++;
    }
    answered[t] = both;
  }
  let inMean = 0;
  let inSq = 0;
  for (let i = 0; i < order; i++) {
    inMean += inContacts[i] as number;
    inSq += (inContacts[i] as number) ** 2;
  }
  inMean = order > 0 ? inMean / order : 0;
  const inSd = order > 0 ? Math.sqrt(Math.max(0, inSq / order - inMean * inMean)) : 0;

  const answeredShare = new Float64Array(order);
  const roleIndex = new Uint8Array(order);
  const broadcaster = ROLES.indexOf('broadcaster');
  for (let i = 0; i < order; i++) {
    const audience = inContacts[i] as number;
    answeredShare[i] = audience > 0 ? (answered[i] as number) / audience : 0;
    const audienceZ = inSd > 1e-12 ? (audience - inMean) / inSd : 0;
    const degree = (undirected.offsets[i + 1] as number) - (undirected.offsets[i] as number);
    const r =
      audienceZ >= DEFAULTS.hubZ && (answeredShare[i] as number) < DEFAULTS.broadcastAnswerShare
        ? broadcaster
        : roleIndexOf(withinDegreeZ[i] as number, participation[i] as number, degree, DEFAULTS.hubZ);
    roleIndex[i] = r;
  }
  return { withinDegreeZ, participation, inContacts, answeredShare, roleIndex };
}

