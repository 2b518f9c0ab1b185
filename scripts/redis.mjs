#!/usr/bin/env node
// A real local Redis for the fleet mode (REDIS_URL): Debian's redis-server, started detached on
// 127.0.0.1 with its data in an ignored folder, in the manner of scripts/neo4j.mjs.
//
//   node scripts/redis.mjs start    install redis-server with apt-get when missing, start, wait for PONG
//   node scripts/redis.mjs stop     SIGTERM the server recorded in our PID file, wait, clean up
//   node scripts/redis.mjs status   exit 0 only when our server runs and answers
//
// Environment (all optional):
//   REDIS_HOME_DIR       conf, data, log and PID file              default <repo>/.redis
//   REDIS_PORT           port on 127.0.0.1                          default 6379
//   REDIS_SERVER         redis-server executable                    default redis-server (on PATH)
//   REDIS_START_TIMEOUT  seconds to wait for PONG                   default 30
//
// Exit codes: 0 ok, 1 failure, 2 the port is taken by another process, 3 (status only) not running.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { livePid, parsePort, parsePositiveNumber, pidExistsWithoutProc, portInUse, runCommand, stopServer, UserError } from './local-server.mjs';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const homeDir = path.resolve(process.env.REDIS_HOME_DIR || path.join(repoDir, '.redis'));
const dataDir = path.join(homeDir, 'data');
const confPath = path.join(homeDir, 'redis.conf');
const logPath = path.join(homeDir, 'redis.log');
const pidPath = path.join(homeDir, 'nichegraph-redis.pid');
const stopTimeoutMs = 30_000;

function log(message) {
  console.log(`[redis] ${message}`);
}

// ---------------------------------------------------------------------------------------------
// The executable: Debian's redis-server, installed on first use

function findOnPath(name) {
  if (name.includes('/')) return fs.existsSync(name) ? name : undefined;
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const full = path.join(dir, name);
    if (dir && fs.existsSync(full)) return full;
  }
  return undefined;
}

function redisExecutable() {
  const wanted = process.env.REDIS_SERVER || 'redis-server';
  const found = findOnPath(wanted) ?? findOnPath('/usr/bin/redis-server');
  if (found) return found;
  if (process.env.REDIS_SERVER) throw new UserError(`REDIS_SERVER=${wanted} does not exist`);
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    throw new UserError('redis-server is not installed. Install it (Debian: sudo apt-get install redis-server) or set REDIS_SERVER.');
  }
  log("redis-server is missing: installing Debian's package (apt-get install redis-server)");
  // The package must not start a system-wide server of its own on 6379; without systemd
  // invoke-rc.d already declines, and a policy-rc.d answering 101 would say the same.
  const apt = (args) =>
    spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=300', ...args], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  let result = apt(['install', '-y', '-q', 'redis-server']);
  if (result.status !== 0) {
    // A fresh machine may have no package lists yet.
    apt(['update', '-q']);
    result = apt(['install', '-y', '-q', 'redis-server']);
  }
  if (result.error || result.status !== 0) throw new UserError('apt-get install redis-server failed (see above)');
  const installed = findOnPath('redis-server') ?? findOnPath('/usr/bin/redis-server');
  if (!installed) throw new UserError('apt-get installed redis-server but it is not on PATH');
  return installed;
}

// ---------------------------------------------------------------------------------------------
// Configuration: loopback only, append-only file in .redis/data

function writeConf(port) {
  fs.mkdirSync(dataDir, { recursive: true });
  const conf = [
    '# Written by scripts/redis.mjs on every start; edits are lost.',
    'bind 127.0.0.1',
    'protected-mode yes',
    `port ${port}`,
    `dir ${dataDir}`,
    'daemonize no',
    `logfile ${logPath}`,
    // Queued analyses and limits survive a restart of Redis: an append-only file, fsync'd every second.
    'appendonly yes',
    'appendfsync everysec',
    'save ""',
    // BullMQ needs keys never to be evicted.
    'maxmemory-policy noeviction',
    '',
  ].join('\n');
  fs.writeFileSync(confPath, conf);
}

function portFromConf(fallback) {
  if (!fs.existsSync(confPath)) return fallback;
  const match = /^port (\d+)\s*$/m.exec(fs.readFileSync(confPath, 'utf8'));
  return match ? Number(match[1]) : fallback;
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping

function runningServerPid() {
  return livePid(pidPath, isOurServer);
}

// Our server is a redis-server process whose working directory is our data folder (Redis moves
// into its `dir` at start and rewrites its own command line, so that is what identifies it); a
// reused PID is never signalled.
function isOurServer(pid) {
  try {
    const exe = path.basename(fs.readlinkSync(`/proc/${pid}/exe`));
    const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
    return (exe.startsWith('redis-server') || exe.startsWith('redis-check-rdb')) && path.resolve(cwd) === dataDir;
  } catch {
    return pidExistsWithoutProc(pid);
  }
}

// Used while starting, when the child may not have exec'd redis-server yet.
function processExists(pid) {
  try {
    const state = /^State:\s+(\S)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return state?.[1] !== 'Z';
  } catch {
    return pidExistsWithoutProc(pid);
  }
}

async function assertPortFree(port) {
  if (await portInUse(port)) {
    throw new UserError(
      `port ${port} on 127.0.0.1 is already in use by another process, not by the Redis of ${homeDir}. ` +
        'Stop that process or choose another port with REDIS_PORT=<port>. Nothing was started or stopped.',
      2,
    );
  }
}

/** PING over a plain socket: true on +PONG. */
function answersPing(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.once('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('utf8');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
  });
}

function logTail(lines = 20) {
  if (!fs.existsSync(logPath)) return '(no log)';
  return fs.readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

async function waitUntilAnswering(pid, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!processExists(pid)) {
      fs.rmSync(pidPath, { force: true });
      throw new UserError(`redis-server (pid ${pid}) exited while starting. Last lines of ${logPath}:\n${logTail()}`);
    }
    if (await answersPing(port)) return;
    await sleep(100);
  }
  throw new UserError(`redis-server (pid ${pid}) did not answer on port ${port} within ${timeoutMs / 1000} s; it is left running (stop: node scripts/redis.mjs stop)`);
}

// ---------------------------------------------------------------------------------------------
// Commands

async function start() {
  const port = parsePort('REDIS_PORT', 6379);
  const timeoutMs = parsePositiveNumber('REDIS_START_TIMEOUT', 30) * 1000;
  const existing = runningServerPid();
  if (existing !== undefined) {
    const running = portFromConf(port);
    if (running !== port) log(`WARNING: the running server uses port ${running}; stop it first to change ports`);
    await waitUntilAnswering(existing, running, timeoutMs);
    log(`already running (pid ${existing}) on redis://127.0.0.1:${running}`);
    return;
  }
  await assertPortFree(port);
  const executable = redisExecutable();
  writeConf(port);
  const child = spawn(executable, [confPath], { cwd: dataDir, detached: true, stdio: 'ignore' });
  child.unref();
  fs.writeFileSync(pidPath, `${child.pid}\n`);
  const started = Date.now();
  await waitUntilAnswering(child.pid, port, timeoutMs);
  log(`answers on redis://127.0.0.1:${port} after ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid}, data ${dataDir})`);
  log('Stop:    node scripts/redis.mjs stop' + (process.env.REDIS_HOME_DIR ? ` (with REDIS_HOME_DIR=${homeDir})` : ''));
}

async function stop() {
  const pid = runningServerPid();
  if (pid === undefined) {
    log(`not running (no live server recorded in ${pidPath})`);
    return;
  }
  log(`stopping redis-server (pid ${pid})`);
  await stopServer({ pid, isOurs: isOurServer, pidPath, timeoutMs: stopTimeoutMs, pollMs: 100, log });
}

async function status() {
  const pid = runningServerPid();
  if (pid === undefined) {
    log(`not running (home ${homeDir})`);
    process.exitCode = 3;
    return;
  }
  const port = portFromConf(parsePort('REDIS_PORT', 6379));
  if (await answersPing(port)) log(`running (pid ${pid}) on redis://127.0.0.1:${port}`);
  else {
    log(`process ${pid} is alive but does not answer on port ${port}`);
    process.exitCode = 1;
  }
}

await runCommand('redis', { start, stop, status });
