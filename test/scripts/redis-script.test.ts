/**
 * scripts/redis.mjs (npm run redis:start / redis:stop) with Debian's redis-server: it starts a
 * server on 127.0.0.1 at REDIS_PORT with its data in its home folder (an ignored .redis/ by
 * default), reports it, refuses a port another process holds without touching that process,
 * and stop ends only the server it started. Two homes on one port stand for "ours" and
 * "someone else's".
 */
import t from 'tap';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { freePort } from '../helpers/fleet.js';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const script = path.join(repoDir, 'scripts', 'redis.mjs');

function redisScript(command: string, home: string, port: number) {
  const res = spawnSync(process.execPath, [script, command], {
    env: { ...process.env, REDIS_HOME_DIR: home, REDIS_PORT: String(port) },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: res.status, out: `${res.stdout}${res.stderr}` };
}

async function pong(port: number): Promise<boolean> {
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, connectTimeout: 2000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

t.test('start, status, a taken port, and a stop that ends only its own server', async (t) => {
  const ours = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-redis-ours-'));
  const theirs = fs.mkdtempSync(path.join(os.tmpdir(), 'ng-redis-theirs-'));
  const port = await freePort();
  t.teardown(() => {
    redisScript('stop', ours, port);
    fs.rmSync(ours, { recursive: true, force: true });
    fs.rmSync(theirs, { recursive: true, force: true });
  });

  t.equal(redisScript('status', ours, port).code, 3, 'status: not running yet');
  const started = redisScript('start', ours, port);
  t.equal(started.code, 0, started.out);
  t.ok(await pong(port), 'answers PING on 127.0.0.1 at REDIS_PORT');
  const conf = fs.readFileSync(path.join(ours, 'redis.conf'), 'utf8');
  t.match(conf, /^bind 127\.0\.0\.1$/m, 'bound to loopback');
  t.match(conf, new RegExp(`^dir ${path.join(ours, 'data').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'), 'its data in its home folder');
  t.equal(redisScript('status', ours, port).code, 0, 'status: running');
  t.match(redisScript('start', ours, port).out, /already running/, 'a second start finds it');

  const taken = redisScript('start', theirs, port);
  t.equal(taken.code, 2, 'another home cannot start on a taken port');
  t.match(taken.out, /already in use by another process/);
  t.ok(await pong(port), 'and leaves the server there alone');
  t.equal(redisScript('stop', theirs, port).code, 0);
  t.ok(await pong(port), 'a stop from another home does not end a server it did not start');
  // Even when that home's PID file names the server's pid (a reused pid, a copied folder):
  // the process is checked to be the redis-server of that home before it is signalled.
  fs.copyFileSync(path.join(ours, 'nichegraph-redis.pid'), path.join(theirs, 'nichegraph-redis.pid'));
  t.equal(redisScript('stop', theirs, port).code, 0);
  t.ok(await pong(port), 'a PID file naming a process that is not its own server signals nothing');

  const stopped = redisScript('stop', ours, port);
  t.equal(stopped.code, 0, stopped.out);
  t.notOk(await pong(port), 'its own stop ends it');
  t.equal(redisScript('status', ours, port).code, 3, 'status: not running');
});

t.test('the default home folder is ignored by git', async (t) => {
  const ignored = fs.readFileSync(path.join(repoDir, '.gitignore'), 'utf8').split('\n').map((l) => l.trim());
  t.ok(ignored.some((l) => /^\/?\.redis\/?$/.test(l)), '.redis/ is in .gitignore');
});
