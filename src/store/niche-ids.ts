/**
 * Niche ids that are never reused in a graph (issue 12 item 3): a counter on the graph node,
 * raised in one write transaction that first locks the node (niche-ids-lock, then
 * niche-ids-allocate), so concurrent analyses of a graph get disjoint ranges. Ids reserved by
 * an analysis that then fails are never handed out again: "never used before" stays true.
 */
import type { Neo4jContext } from './neo4j-context.js';
import { int, toNumber } from './neo4j-values.js';

export class Neo4jNicheIds {
  constructor(private readonly ctx: Neo4jContext) {}

  /** First k of the `count` ids "n<k>".. reserved for the caller; null when the graph is unknown. */
  async allocate(graphId: string, count: number): Promise<number | null> {
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`store/niche-ids: count must be an integer >= 0, got ${String(count)}`);
    return this.ctx.inWrite(async (tx) => {
      const locked = await tx.run(this.ctx.q.get('niche-ids-lock'), { graphId });
      if (locked.records.length === 0) return null;
      const res = await tx.run(this.ctx.q.get('niche-ids-allocate'), { graphId, count: int(count) });
      return toNumber(res.records[0]?.get('first'));
    });
  }
}
