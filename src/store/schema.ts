/**
 * The data model's constraints and indexes (cypher/schema.cypher), created at start-up,
 * then awaited online (cypher/schema-await.cypher); and the liveness ping (cypher/ping.cypher).
 */
import neo4j from 'neo4j-driver';
import type { Neo4jContext } from './neo4j-context.js';
import { errorCode, int } from './neo4j-values.js';

const EQUIVALENT_SCHEMA_RULE = 'Neo.ClientError.Schema.EquivalentSchemaRuleAlreadyExists';

export class Neo4jSchema {
  constructor(
    private readonly ctx: Neo4jContext,
    private readonly options: { indexTimeoutSeconds: number; pingTimeoutMs: number },
  ) {}

  async init(): Promise<void> {
    const { driver, database, q, log } = this.ctx;
    const started = Date.now();
    for (const statement of q.statements('schema')) {
      try {
        await driver.executeQuery(statement, {}, { database, routing: neo4j.routing.WRITE });
      } catch (err) {
        // Two processes starting together race past IF NOT EXISTS; the loser is told the
        // rule already exists, which is what it wanted.
        if (errorCode(err) !== EQUIVALENT_SCHEMA_RULE) throw err;
      }
    }
    await driver.executeQuery(
      q.get('schema-await'),
      { timeoutSeconds: int(this.options.indexTimeoutSeconds) },
      { database, routing: neo4j.routing.READ },
    );
    log.info({ ms: Date.now() - started }, 'neo4j constraints and indexes ready');
  }

  async ping(): Promise<void> {
    const { pingTimeoutMs } = this.options;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.ctx.read('ping'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`store/neo4j-store: Neo4j did not answer within ${pingTimeoutMs} ms`)),
            pingTimeoutMs,
          );
        }),
      ]);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }
}
