/**
 * Projection: a graph's interactions aggregated per ordered pair into a PairTable, with the
 * graph version the rows are at least as new as (cypher/project-*.cypher, graph-exists).
 *
 * One read transaction: the graph's version first, then pairs aggregated per source
 * account on the server and streamed (async iteration) into a PairTableBuilder (typed
 * columns, no object per pair), then the accounts; the builder sorts both in code-unit
 * order, so the order never depends on locale or server.
 */
import { PairTableBuilder } from '../analysis/pair-table.js';
import type { Neo4jContext } from './neo4j-context.js';
import { firstRecord, int, str, toNumber, toNumberOrNull } from './neo4j-values.js';
import type { ProjectionParams, VersionedProjection } from './port.js';

/** Records pulled per round trip while streaming a projection (driver default: 1000). */
const PROJECTION_FETCH_SIZE = 10_000;

export class Neo4jProjection {
  constructor(private readonly ctx: Neo4jContext) {}

  async graphVersion(graphId: string): Promise<number | null> {
    const r = firstRecord(await this.ctx.read('graph-exists', { graphId }));
    return r ? toNumber(r.get('version')) : null;
  }

  async project(graphId: string, params: ProjectionParams): Promise<VersionedProjection | null> {
    const { q } = this.ctx;
    const started = Date.now();
    // Larger fetches: a projection streams hundreds of thousands of rows.
    const projection = await this.ctx.inRead(async (tx) => {
      // The version is read first: ingestion bumps it in the transaction that adds data,
      // so the rows read below are at least as new as this version (reads are
      // read-committed), never older.
      const exists = firstRecord(await tx.run(q.get('graph-exists'), { graphId }));
      if (!exists) return null;
      const version = toNumber(exists.get('version'));

      // Pairs first, accounts second: accounts are only ever added (until the graph is
      // deleted), so every endpoint of a pair read first is in the account list read after,
      // even when an ingest commits in between (Neo4j reads are read-committed). Rows go
      // straight into typed columns (no object per pair); the builder sorts them.
      const builder = new PairTableBuilder();
      const query = tx.run(q.get('project-pairs'), {
        graphId,
        typeWeights: params.typeWeights,
        from: params.from === null ? null : int(params.from),
        to: params.to === null ? null : int(params.to),
        minWeight: params.minWeight,
      });
      for await (const record of query) {
        builder.add({
          source: str(record.get('source')),
          target: str(record.get('target')),
          positive: toNumber(record.get('positive')),
          negative: toNumber(record.get('negative')),
          count: toNumber(record.get('count')),
          types: (record.get('types') as unknown[]).map(str),
          typeCounts: (record.get('typeCounts') as unknown[]).map(toNumber),
          firstTs: toNumberOrNull(record.get('firstTs')),
          lastTs: toNumberOrNull(record.get('lastTs')),
        });
      }

      const accounts: string[] = [];
      for await (const record of tx.run(q.get('project-accounts'), { graphId })) {
        accounts.push(str(record.get('id')));
      }
      return { version, table: builder.finish(accounts) };
    }, PROJECTION_FETCH_SIZE);
    if (projection) {
      this.ctx.log.debug(
        { graphId, version: projection.version, accounts: projection.table.accounts.length, pairs: projection.table.size, ms: Date.now() - started },
        'projected graph',
      );
    }
    return projection;
  }
}
