/**
 * Graphs: create, list, read with counts, check existence, delete (cypher/graph-*.cypher).
 *
 * deleteGraph flags the graph `deleting` (hidden from then on; ingest, project and
 * createAnalysis refuse it), then deletes analyses, accounts (with their INTERACTED and
 * IN_NICHE relationships), niches and the graph with auto-commit
 * `CALL { } IN TRANSACTIONS OF deleteBatchSize ROWS` statements (1,000 nodes and their
 * relationships per inner transaction); a deleteGraph interrupted half-way is finished by
 * the next call. While flagged, the id stays taken (createGraph: null).
 */
import neo4j from 'neo4j-driver';
import type { Neo4jContext } from './neo4j-context.js';
import { firstRecord, int, isConstraintViolation, str, strOrNull, toNumber, type Row } from './neo4j-values.js';
import type { FoldMode, GraphRecord, GraphWithCounts, Page } from './port.js';

export class Neo4jGraphs {
  constructor(
    private readonly ctx: Neo4jContext,
    private readonly options: { deleteBatchSize: number },
  ) {}

  async createGraph(graph: { id: string; name: string; description: string | null; fold?: FoldMode }): Promise<GraphRecord | null> {
    try {
      const res = await this.ctx.write('graph-create', {
        id: graph.id,
        name: graph.name,
        description: graph.description,
        fold: graph.fold ?? 'none',
        createdAt: new Date().toISOString(),
      });
      const r = firstRecord(res);
      if (!r) throw new Error('store/neo4j-store: graph-create returned no row');
      return toGraphRecord(r.toObject());
    } catch (err) {
      if (isConstraintViolation(err)) return null;
      throw err;
    }
  }

  async listGraphs(page: { limit: number; offset: number }, only: string[] | null = null): Promise<Page<GraphRecord>> {
    const res = await this.ctx.read('graph-list', { offset: int(page.offset), limit: int(page.limit), only });
    const r = firstRecord(res);
    if (!r) return { total: 0, items: [] };
    return {
      total: toNumber(r.get('total')),
      items: (r.get('items') as Row[]).map(toGraphRecord),
    };
  }

  async getGraph(graphId: string): Promise<GraphWithCounts | null> {
    const r = firstRecord(await this.ctx.read('graph-get', { graphId }));
    if (!r) return null;
    return {
      ...toGraphRecord(r.toObject()),
      accounts: toNumber(r.get('accounts')),
      interactions: toNumber(r.get('interactions')),
      version: toNumber(r.get('version')),
    };
  }

  /** One index seek on the graph node (cypher/graph-exists.cypher), no account scan. */
  async graphExists(graphId: string): Promise<boolean> {
    return firstRecord(await this.ctx.read('graph-exists', { graphId })) !== undefined;
  }

  async deleteGraph(graphId: string): Promise<boolean> {
    const { driver, database, q, log } = this.ctx;
    const started = Date.now();
    const marked = await this.ctx.write('graph-mark-deleting', { graphId });
    if (marked.records.length === 0) return false;
    const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
    try {
      for (const statement of q.statements('graph-delete')) {
        // Auto-commit: CALL { } IN TRANSACTIONS is refused inside an explicit transaction.
        await session.run(statement, { graphId, batchSize: int(this.options.deleteBatchSize) });
      }
    } finally {
      await session.close();
    }
    log.info({ graphId, ms: Date.now() - started }, 'graph deleted');
    return true;
  }
}

function toGraphRecord(row: Row): GraphRecord {
  return {
    id: str(row.id),
    name: str(row.name),
    description: strOrNull(row.description),
    createdAt: str(row.createdAt),
    fold: row.fold === 'day' ? 'day' : 'none',
  };
}
