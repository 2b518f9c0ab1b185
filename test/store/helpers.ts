/**
 * Shared set-up of the store tests: a real Neo4j (NEO4J_URI, default bolt://127.0.0.1:7687;
 * NEO4J_USER / NEO4J_PASSWORD optional; NEO4J_DATABASE default "neo4j"), never a mock.
 * Every test uses graph ids with a random suffix and deletes what it created.
 */
import { randomBytes } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { createDriver } from '../../src/store/driver.js';
import { Neo4jGraphStore, type Neo4jGraphStoreOptions } from '../../src/store/neo4j-store.js';
import type { AnalysisParams, AnalysisRecord, InteractionInput } from '../../src/store/port.js';
import type { MemberScore } from '../../src/analysis/types.js';
import type { ObjectResult } from '../helpers/columnar.js';

export { toColumnar } from '../helpers/columnar.js';

export const database = process.env.NEO4J_DATABASE ?? 'neo4j';

export function uid(prefix: string): string {
  return `${prefix}-${randomBytes(6).toString('hex')}`;
}

interface Teardown {
  teardown(fn: () => unknown): void;
}

/** The real server's connection settings (for an AnalysisRunner's worker threads too). */
export const connection = {
  uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
  user: process.env.NEO4J_USER ?? '',
  password: process.env.NEO4J_PASSWORD ?? '',
  database,
};

/** A store on the real server, initialised; closed (with its driver) at teardown. */
export async function openStore(
  t: Teardown,
  options: Partial<Omit<Neo4jGraphStoreOptions, 'driver' | 'database'>> = {},
): Promise<{ store: Neo4jGraphStore; driver: Driver }> {
  const driver = await createDriver({ ...connection, connectTimeoutMs: 10_000 });
  const store = new Neo4jGraphStore({ driver, database, ...options });
  await store.init();
  t.teardown(() => store.close());
  return { store, driver };
}

/** The first column of a query's first row, as a number (e.g. a count). */
export async function countOf(driver: Driver, query: string, params: Record<string, unknown>): Promise<number> {
  const { records } = await driver.executeQuery(query, params, { database });
  return Number(records[0]?.get(0));
}

/**
 * Holds, in an open transaction, the key of the catalogue block an analysis' result write
 * creates last (an uncommitted node under the unique constraint on (analysisId, kind, seq)):
 * the write commits its other blocks, then waits on this lock, so the analysis cannot succeed
 * until release() whatever the machine's speed (the seam of the mid-write tests).
 */
export async function holdCatalogueBlock(driver: Driver, analysisId: string): Promise<{ release(): Promise<void> }> {
  const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
  const lock = await session.beginTransaction();
  await lock.run("CREATE (:ResultBlock {analysisId: $analysisId, kind: 'catalogue', seq: 0})", { analysisId });
  return {
    async release() {
      await lock.rollback();
      await session.close();
    },
  };
}

/** Rings of `size` accounts u0, u1, ... (`accounts` in all), each tie one reply both ways. */
export function ringInteractions(accounts: number, size: number): InteractionInput[] {
  const interactions: InteractionInput[] = [];
  for (let i = 0; i < accounts; i++) {
    const next = `u${Math.floor(i / size) * size + ((i + 1) % size)}`;
    interactions.push(ix(`u${i}`, next), ix(next, `u${i}`));
  }
  return interactions;
}

/** Creates a graph with a unique id, deleted at teardown. */
export async function newGraph(t: Teardown, store: Neo4jGraphStore, prefix = 'test'): Promise<string> {
  const id = uid(prefix);
  const created = await store.createGraph({ id, name: `graph ${id}`, description: null });
  if (!created) throw new Error(`graph ${id} already exists`);
  t.teardown(() => store.deleteGraph(id));
  return id;
}

export function ix(
  source: string,
  target: string,
  extra: Partial<InteractionInput> = {},
): InteractionInput {
  return { id: null, source, target, type: 'reply', weight: 1, timestamp: null, ...extra };
}

export const defaultParams: AnalysisParams = {
  typeWeights: {},
  from: null,
  to: null,
  minWeight: 0,
  resolution: 1,
  seed: 42,
  topK: 2,
};

export function queuedAnalysis(graphId: string, id = uid('an')): AnalysisRecord {
  return {
    id,
    graphId,
    status: 'queued',
    params: defaultParams,
    createdAt: new Date().toISOString(),
    startedAt: null,
    finishedAt: null,
    error: null,
    summary: null,
  };
}

export function member(accountId: string, score: number): MemberScore {
  return {
    accountId,
    score,
    pagerank: score,
    globalPagerank: score / 2,
    inStrength: 3,
    outStrength: 2,
    negativeInStrength: 0.5,
    weightedDegree: 5,
    internalShare: 0.75,
    centrality: score * 3,
    ties: 1.5,
    positiveShare: 0.9,
    reciprocity: 0.5,
    repeat: 0.25,
    embeddedness: 0.75,
    withinDegreeZ: 1.2,
    participation: 0.1,
    role: 'peripheral',
    confidence: 0.8,
    // A tie to itself: fixtures need tie targets that are accounts of the result.
    topTies: [{ accountId, weight: 2, overlap: 0.5, sameNiche: true }],
  };
}

/**
 * A hand-made result for the little graph of `smallGraphInteractions`: niche n0 = a, b, c
 * (a most trusted), niche n1 = d, e.
 */
export function smallResult(): ObjectResult {
  const n0 = [member('a', 0.5), member('b', 0.3), { ...member('c', 0.2), participation: 0.44 }];
  const n1 = [member('d', 0.6), member('e', 0.4)];
  return {
    summary: {
      accounts: 5,
      edges: 5,
      niches: 2,
      modularity: 0.25,
      resolution: 1,
      runs: 10,
      consensusRounds: 2,
      louvainDisconnected: 1,
      unassigned: 0,
      meanConfidence: 0.9,
    },
    niches: [
      {
        id: 'n0',
        communityId: 'c0',
        size: 3,
        density: 1,
        conductance: 0.2,
        unassigned: false,
        stability: 0.95,
        reciprocity: 0.5,
        events: 4,
        firstActivity: '2024-01-01T00:00:00.000Z',
        lastActivity: '2024-01-03T00:00:00.000Z',
        eventsPerDay: 2,
        dominantTypes: [
          { type: 'reply', share: 0.75 },
          { type: 'like', share: 0.25 },
        ],
        bridges: [{ accountId: 'c', participation: 0.44, toNiches: ['n1'] }],
        members: n0,
        trusted: n0.slice(0, 2).map((m) => ({ accountId: m.accountId, score: m.score })),
      },
      {
        id: 'n1',
        communityId: 'c1',
        size: 2,
        density: 1,
        conductance: 0.3,
        unassigned: false,
        stability: 1,
        reciprocity: 1,
        events: 2,
        firstActivity: null,
        lastActivity: null,
        eventsPerDay: 0,
        dominantTypes: [{ type: 'reply', share: 1 }],
        bridges: [],
        members: n1,
        trusted: n1.slice(0, 2).map((m) => ({ accountId: m.accountId, score: m.score })),
      },
    ],
  };
}

/** a, b, c talk among themselves, d and e too, c -> d bridges the two. */
export function smallGraphInteractions(): InteractionInput[] {
  return [
    ix('a', 'b', { id: 'i1' }),
    ix('b', 'a', { id: 'i2' }),
    ix('b', 'c', { id: 'i3' }),
    ix('c', 'a', { id: 'i4' }),
    ix('d', 'e', { id: 'i5' }),
    ix('e', 'd', { id: 'i6' }),
    ix('c', 'd', { id: 'i7' }),
  ];
}

/** Ten accounts m0..m9 in five niches of two (n0 = m0, m1; ...), scores scaled by `scale`. */
export function fiveNicheResult(scale: number): ObjectResult {
  const members = Array.from({ length: 10 }, (_, i) => member(`m${i}`, scale * (1 - i / 10)));
  return {
    summary: { accounts: 10, edges: 0, niches: 5, modularity: 0.25, resolution: 1, runs: 1, consensusRounds: 1, louvainDisconnected: 0, unassigned: 0, meanConfidence: 1 },
    niches: Array.from({ length: 5 }, (_, k) => ({
      id: `n${k}`,
      communityId: `c${k}`,
      size: 2,
      density: 0,
      conductance: 0,
      unassigned: false,
      stability: 1,
      reciprocity: 0,
      events: 0,
      firstActivity: null,
      lastActivity: null,
      eventsPerDay: 0,
      dominantTypes: [],
      bridges: [],
      members: members.slice(2 * k, 2 * k + 2),
      trusted: members.slice(2 * k, 2 * k + 1).map((m) => ({ accountId: m.accountId, score: m.score })),
    })),
  };
}

/** The holder the store tests write results as (status changes are guarded by holder, src/store/port.ts Lease). */
export const TEST_OWNER = 'store-test';

/** Stores a queued analysis and claims it for TEST_OWNER (running), as a runner would before writing its result. */
export async function createRunning(store: Neo4jGraphStore, analysis: AnalysisRecord): Promise<boolean> {
  if (!(await store.createAnalysis(analysis, { owner: TEST_OWNER, until: null }))) return false;
  return (await store.claimAnalysis(analysis.id, { owner: TEST_OWNER, until: Date.now() + 3_600_000 }, TEST_OWNER, new Date().toISOString())).claimed;
}
