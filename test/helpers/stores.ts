/**
 * The real stores for tests that build their own runner and app (test/jobs): a config in
 * which the per-key analysis quota and the overload guard never answer before the queue
 * does (plus `overrides`, then the environment), one driver, the graph store and the
 * idempotency store, both initialised. Close with `store.close()` (it closes the driver).
 */
import { loadConfig } from '../../src/config.js';
import { createDriver } from '../../src/store/driver.js';
import { Neo4jGraphStore } from '../../src/store/neo4j-store.js';
import { Neo4jIdempotencyStore } from '../../src/store/idempotency-store.js';

export async function openStores(overrides: Record<string, string> = {}) {
  const config = loadConfig({ MAX_ANALYSES_PER_KEY: '1000', MAX_EVENT_LOOP_DELAY_MS: '0', ...overrides, ...process.env });
  const connection = { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE };
  const driver = await createDriver(connection);
  const store = new Neo4jGraphStore({ driver, database: config.NEO4J_DATABASE });
  await store.init();
  const idempotency = new Neo4jIdempotencyStore(driver, config.NEO4J_DATABASE);
  await idempotency.init();
  return { config, connection, driver, store, idempotency };
}
