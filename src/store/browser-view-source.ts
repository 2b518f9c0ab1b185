/**
 * Where a materialization of the Browser view (browser-view.ts) takes its rows from: the
 * catalogue rows, every account id in member order, and the member rows at given member
 * positions. Two sources give the same rows:
 *
 * - `storedViewSource`: the compact form (the catalogue, members and index blocks), read
 *   from Neo4j. Every materialization but a worker's first one: the runner's retry, boot,
 *   one started again after a redaction changed the result.
 * - `memoryViewSource`: the result the worker has just stored, still in its memory (the
 *   catalogue rows the catalogue block was encoded from, the member order and the account
 *   columns the members blocks were encoded from, result-blocks.ts). It saves reading back
 *   and decoding what was just written (bench/README.md "Persistence, shift 7b"). It stands
 *   for the stored form at one result revision only (`revision`, what result-begin found):
 *   the materialization uses it only when its claim reads that revision, so a redaction
 *   that committed in between (redactIfErased, an erasure) sends it to the stored form.
 */
import { memberScore } from '../analysis/result-view.js';
import type { AnalysisResult, MemberScore } from '../analysis/types.js';
import type { CatalogueRows } from './result-catalogue.js';
import type { Neo4jResultReader } from './result-reading.js';

export interface BrowserViewSource {
  catalogue: CatalogueRows;
  /** Every account id in member order (niche by niche, rank order; the unassigned group's too). */
  order: readonly string[];
  /** The member rows at these positions, in the order asked; topTies only `withTies`. */
  membersAt(positions: readonly number[], withTies: boolean): Promise<MemberScore[]>;
}

/** The result just stored, at result revision `revision`. */
export interface InMemoryResult {
  revision: number;
  result: AnalysisResult;
  catalogue: CatalogueRows;
}

/** The stored compact form of a succeeded analysis; null when it has none. */
export async function storedViewSource(reader: Neo4jResultReader, analysisId: string): Promise<BrowserViewSource | null> {
  const catalogue = await reader.catalogueRows(analysisId);
  const order = await reader.memberOrder(analysisId);
  if (catalogue === null || order === null) return null;
  return { catalogue, order, membersAt: (positions, withTies) => reader.membersAt(analysisId, positions, withTies) };
}

/** The same rows from the result in memory. */
export function memoryViewSource(stored: InMemoryResult): BrowserViewSource {
  const { result, catalogue } = stored;
  const members = result.niches.members;
  const ids = result.accounts.ids;
  const order = Array.from(members.subarray(0, result.accounts.count), (i) => ids[i] as string);
  return {
    catalogue,
    order,
    membersAt: (positions, withTies) =>
      Promise.resolve(
        positions.map((p) => {
          const m = memberScore(result, members[p] as number);
          // As the stored form answers without ties (result-reading.ts memberRow).
          if (!withTies) m.topTies = [];
          return m;
        }),
      ),
  };
}
