/**
 * The real entry point, as `npm start` runs it (through tsx here): it refuses bad
 * configuration and an unreachable Neo4j at once, and otherwise serves until SIGTERM.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import t from 'tap';

const entry = new URL('../src/server.ts', import.meta.url).pathname;
const workerEntry = new URL('../src/worker.ts', import.meta.url).pathname;

function run(env: Record<string, string>, script = entry) {
  const child = spawn(process.execPath, ['--import=tsx', script], {
    env: { ...process.env, REDIS_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  return { child, exited, output: () => output };
}

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  srv.close();
  return port;
}

t.test('invalid configuration exits at once naming the variable', async (t) => {
  const p = run({ PORT: 'eighty' });
  t.equal(await p.exited, 1);
  t.match(p.output(), /invalid configuration: .*PORT/);
});

t.test('with REDIS_URL, an unreachable Redis exits at once naming it', async (t) => {
  const port = await freePort();
  const p = run({ REDIS_URL: `redis://127.0.0.1:${port}`, NEO4J_CONNECT_TIMEOUT_MS: '2000', PORT: String(await freePort()) });
  t.equal(await p.exited, 1);
  t.match(p.output(), /cannot reach Redis at REDIS_URL/);
});

t.test('a worker without REDIS_URL exits at once saying why', async (t) => {
  const p = run({}, workerEntry);
  t.equal(await p.exited, 1);
  t.match(p.output(), /REDIS_URL is not set/);
});

t.test('an unreachable Neo4j exits at once naming the URI', async (t) => {
  const port = await freePort();
  const p = run({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_CONNECT_TIMEOUT_MS: '3000' });
  t.equal(await p.exited, 1);
  t.match(p.output(), new RegExp(`Neo4j at bolt://127\\.0\\.0\\.1:${port} is not reachable`));
});

t.test('serves, reports ready, and stops cleanly on SIGTERM', async (t) => {
  const port = await freePort();
  const p = run({ PORT: String(port), HOST: '127.0.0.1' });
  let ready = false;
  // Up to 2 minutes: a boot through tsx on a loaded machine took over 30 s (load 20).
  for (let i = 0; i < 480 && !ready; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null);
    ready = res?.status === 200;
    if (!ready) await new Promise((r) => setTimeout(r, 250));
  }
  t.ok(ready, `ready (output: ${p.output().slice(0, 500)})`);
  p.child.kill('SIGTERM');
  t.equal(await p.exited, 0);
});
