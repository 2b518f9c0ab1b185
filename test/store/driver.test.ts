import t from 'tap';
import { createDriver, Neo4jUnavailableError } from '../../src/store/driver.js';

t.test('connects to the real server', async (t) => {
  const driver = await createDriver({
    uri: process.env.NEO4J_URI ?? 'bolt://127.0.0.1:7687',
    user: process.env.NEO4J_USER ?? '',
    password: process.env.NEO4J_PASSWORD ?? '',
    database: process.env.NEO4J_DATABASE ?? 'neo4j',
  });
  t.teardown(() => driver.close());
  const info = await driver.getServerInfo();
  t.match(info.agent, /^Neo4j\/5\./);
});

t.test('an unreachable server: the error names the URI', async (t) => {
  const uri = 'bolt://127.0.0.1:1';
  const started = Date.now();
  const err = await createDriver({ uri, connectTimeoutMs: 1500 }).then(
    () => null,
    (e: unknown) => e,
  );
  t.ok(err instanceof Neo4jUnavailableError, 'a Neo4jUnavailableError');
  t.match((err as Error).message, uri);
  t.ok(Date.now() - started < 5000, 'gives up in time');
});

t.test('a malformed URI: the error names it', async (t) => {
  await t.rejects(createDriver({ uri: 'nope://x', connectTimeoutMs: 500 }), { message: /nope:\/\/x/ });
});
