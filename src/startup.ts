/**
 * What the two entry points share before they run: src/server.ts (the API) and src/worker.ts
 * (a fleet worker) each validate the configuration and exit at once with a message naming
 * the problem, and connect to Neo4j with the same options (also handed to the analysis
 * worker threads, which open their own driver).
 */
import { loadConfig, type Config } from './config.js';
import type { DriverOptions } from './store/driver.js';

/** Prints `<name>: <message>` on stderr and exits with 1. */
export function exitWith(name: string): (message: string) => never {
  return (message) => {
    process.stderr.write(`${name}: ${message}\n`);
    process.exit(1);
  };
}

/** The configuration from the environment, or `fail` naming what is invalid. */
export function loadConfigOr(fail: (message: string) => never): Config {
  try {
    return loadConfig();
  } catch (err) {
    return fail(`invalid configuration: ${(err as Error).message}`);
  }
}

/** How this process and its analysis threads reach Neo4j (NEO4J_*). */
export function neo4jConnection(config: Config): DriverOptions & { database: string } {
  return {
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    connectTimeoutMs: config.NEO4J_CONNECT_TIMEOUT_MS,
  };
}
