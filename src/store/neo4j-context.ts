/**
 * What every Neo4j store module shares: the driver, the database, the logger, the Cypher
 * files, and the five ways the modules run a statement (auto-commit read/write through
 * executeQuery; managed read/write transactions on a session of their own; a session's implicit
 * transaction for CALL { } IN TRANSACTIONS).
 *
 * Managed transactions (executeRead/executeWrite) may be retried by the driver on
 * transient errors: every callback given to inRead/inWrite must recompute its state from
 * scratch.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import type { CypherFiles } from './cypher-files.js';
import type { Row } from './neo4j-values.js';

/** The subset of a pino logger the store uses. */
export interface StoreLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export const silentLogger: StoreLogger = { debug() {}, info() {}, warn() {} };

export class Neo4jContext {
  constructor(
    readonly driver: Driver,
    readonly database: string,
    readonly log: StoreLogger,
    /** Statements by file name (cypher/<name>.cypher). */
    readonly q: CypherFiles,
  ) {}

  /** Auto-commit read of cypher/<name>.cypher. */
  read(name: string, params: Row = {}) {
    return this.driver.executeQuery(this.q.get(name), params, {
      database: this.database,
      routing: neo4j.routing.READ,
    });
  }

  /** Auto-commit write of cypher/<name>.cypher. */
  write(name: string, params: Row = {}) {
    return this.driver.executeQuery(this.q.get(name), params, {
      database: this.database,
      routing: neo4j.routing.WRITE,
    });
  }

  /**
   * A write of cypher/<name>.cypher in a session's implicit transaction: the one way to run
   * `CALL { } IN TRANSACTIONS` (refused inside executeQuery's and managed transactions). Not
   * retried by the driver: the statement must be safe to run again from the start.
   */
  async inTransactions(name: string, params: Row = {}): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.run(this.q.get(name), params);
    } finally {
      await session.close();
    }
  }

  /** One managed write transaction on a session of its own. */
  async inWrite<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.WRITE });
    try {
      return await session.executeWrite(work);
    } finally {
      await session.close();
    }
  }

  /** One managed read transaction on a session of its own (fetchSize: records per round trip). */
  async inRead<T>(work: (tx: ManagedTransaction) => Promise<T>, fetchSize?: number): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.READ,
      ...(fetchSize === undefined ? {} : { fetchSize }),
    });
    try {
      return await session.executeRead(work);
    } finally {
      await session.close();
    }
  }
}
