/**
 * Loaders for the read-only datasets in ../shared/datasets (relative to the repo root;
 * see its README for provenance and citations). Nothing here copies them into the repo.
 *
 * Tests that need a dataset must fail, not skip, when it is missing: datasetsDir()
 * throws with the path it looked at. NICHEGRAPH_DATASETS_DIR overrides the location.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Projection, ProjectedPair } from '../../src/analysis/types.js';
import { readGmlGraph } from './gml.js';

/** Repository root (this file lives in <root>/test/helpers). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function datasetsDir(): string {
  const override = process.env.NICHEGRAPH_DATASETS_DIR;
  const dir = override !== undefined && override !== '' ? resolve(override) : resolve(repoRoot, '..', 'shared', 'datasets');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `datasets directory not found at ${dir}: the tests expect the shared datasets at ../shared/datasets ` +
        'relative to the repository root (or set NICHEGRAPH_DATASETS_DIR).',
    );
  }
  return dir;
}

/** Absolute path of a dataset file; throws when it is missing. */
export function datasetPath(...parts: string[]): string {
  const path = join(datasetsDir(), ...parts);
  if (!existsSync(path)) throw new Error(`dataset file not found: ${path}`);
  return path;
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export interface Edge {
  source: string;
  target: string;
  /** Signed weight; defaults to 1. Negative weight goes to the pair's `negative`. */
  weight?: number;
}

export interface KarateClub {
  /** The 34 members, `club` = faction after the split ("Mr. Hi" or "Officer"). */
  nodes: Array<{ id: string; club: string }>;
  /** 78 undirected friendships. */
  edges: Edge[];
}

/** Zachary's karate club (classic/karate_club.gml). */
export function loadKarateClub(): KarateClub {
  const gml = readGmlGraph(readFileSync(datasetPath('classic', 'karate_club.gml'), 'utf8'));
  const nodes = gml.nodes.map((node, i) => {
    if (node.id === undefined || typeof node.club !== 'string') throw new Error(`karate_club.gml: node #${i} lacks id or club`);
    return { id: String(node.id), club: node.club };
  });
  const edges = gml.edges.map((edge, i) => {
    if (edge.source === undefined || edge.target === undefined) throw new Error(`karate_club.gml: edge #${i} lacks source or target`);
    return { source: String(edge.source), target: String(edge.target) };
  });
  return { nodes, edges };
}

export interface EmailEuCore {
  /** 25,571 directed e-mail edges (self-loops included, as in the file). */
  edges: Edge[];
  /** person -> department, for all 1,005 people (some have no edge). */
  departments: Map<string, string>;
}

/** SNAP email-Eu-core with its department labels (CRLF files). */
export function loadEmailEuCore(): EmailEuCore {
  const edges: Edge[] = lines(datasetPath('email-eu-core', 'email-Eu-core.txt')).map((line, i) => {
    const [source, target] = line.split(/\s+/);
    if (source === undefined || target === undefined) throw new Error(`email-Eu-core.txt: line ${i + 1} is not 'src dst'`);
    return { source, target };
  });
  const departments = new Map<string, string>();
  for (const line of lines(datasetPath('email-eu-core', 'email-Eu-core-department-labels.txt'))) {
    const [node, dept] = line.split(/\s+/);
    if (node === undefined || dept === undefined) throw new Error(`email-Eu-core-department-labels.txt: bad line '${line}'`);
    departments.set(node, dept);
  }
  return { edges, departments };
}

/**
 * A Gephi JSON export from graphology-bench/ (the graphs of graphology-communities-louvain's
 * README benchmark): its edges, self-loops included, as in the file.
 */
export function loadGraphologyBench(name: 'eurosis' | 'undirected1000'): Edge[] {
  const data = JSON.parse(gunzipSync(readFileSync(datasetPath('graphology-bench', `${name}.json.gz`))).toString('utf8')) as {
    edges?: Array<{ source?: unknown; target?: unknown }>;
  };
  if (!Array.isArray(data.edges)) throw new Error(`${name}.json.gz: no edges array`);
  return data.edges.map((edge, i) => {
    if (edge.source === undefined || edge.target === undefined) throw new Error(`${name}.json.gz: edge #${i} lacks source or target`);
    return { source: String(edge.source), target: String(edge.target) };
  });
}

export interface ToProjectionOptions {
  /** Extra accounts (e.g. labelled people without any edge). */
  accounts?: Iterable<string>;
  /** Treat each edge as a mutual tie: add its weight in both directions. */
  undirected?: boolean;
}

/**
 * Aggregates an edge list into a Projection: one pair per ordered (source, target) with
 * summed positive and |negative| weight and the number of edges, pairs and accounts sorted.
 */
export function toProjection(edges: Iterable<Edge>, options: ToProjectionOptions = {}): Projection {
  const accounts = new Set<string>(options.accounts ?? []);
  const pairs = new Map<string, ProjectedPair>();
  const add = (source: string, target: string, weight: number): void => {
    accounts.add(source);
    accounts.add(target);
    const key = `${source}\u0000${target}`;
    let pair = pairs.get(key);
    if (pair === undefined) {
      pair = { source, target, positive: 0, negative: 0, count: 0 };
      pairs.set(key, pair);
    }
    if (weight >= 0) pair.positive += weight;
    else pair.negative -= weight;
    pair.count += 1;
  };
  for (const edge of edges) {
    const weight = edge.weight ?? 1;
    if (!Number.isFinite(weight)) throw new Error(`toProjection: edge ${edge.source} -> ${edge.target} has weight ${weight}`);
    add(edge.source, edge.target, weight);
    if (options.undirected === true && edge.source !== edge.target) add(edge.target, edge.source, weight);
  }
  const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    accounts: [...accounts].sort(compare),
    pairs: [...pairs.values()].sort((a, b) => compare(a.source, b.source) || compare(a.target, b.target)),
  };
}

/** For each account of a result, the id of its niche. */
export function nicheOf(result: { niches: Array<{ id: string; members: Array<{ accountId: string }> }> }): Map<string, string> {
  const map = new Map<string, string>();
  for (const niche of result.niches) for (const member of niche.members) map.set(member.accountId, niche.id);
  return map;
}

export interface Rating {
  source: string;
  target: string;
  /** -10..+10, never 0. */
  rating: number;
  /** Unix epoch seconds (fractional). */
  time: number;
}

/** SNAP soc-sign-bitcoin-otc (Kumar et al., ICDM 2016): signed, timestamped ratings. */
export function loadBitcoinOtc(): Rating[] {
  const text = gunzipSync(readFileSync(datasetPath('bitcoin-otc', 'soc-sign-bitcoinotc.csv.gz'))).toString('utf8');
  return lines0(text).map((line, i) => {
    const [source, target, rating, time] = line.split(',');
    const r = Number(rating);
    const ts = Number(time);
    if (source === undefined || target === undefined || !Number.isFinite(r) || !Number.isFinite(ts)) {
      throw new Error(`soc-sign-bitcoinotc.csv: line ${i + 1} is not 'source,target,rating,time'`);
    }
    return { source, target, rating: r, time: ts };
  });
}

function lines0(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
