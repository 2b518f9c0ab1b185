#!/usr/bin/env node
// A real local Neo4j Community server without Docker: jars from Maven Central, started with
// plain `java`. See ../shared/neo4j-from-maven.md for the recipe this follows.
//
//   node scripts/neo4j.mjs start    assemble on first use, start detached, wait until Bolt answers
//   node scripts/neo4j.mjs stop     SIGTERM the server recorded in our PID file, wait, clean up
//   node scripts/neo4j.mjs status   exit 0 only when our server runs and answers
//
// Environment (all optional):
//   NEO4J_HOME_DIR       server home (jars, conf, data, logs)      default <repo>/.neo4j
//   NEO4J_BOLT_PORT      Bolt port on 127.0.0.1                     default 7687
//   NEO4J_HTTP_PORT      HTTP port on 127.0.0.1 (Browser at /browser/) default 7474
//   NEO4J_HEAP           JVM heap, e.g. 2g (sets -Xms and -Xmx)    default -Xms512m -Xmx1g
//   NEO4J_PAGECACHE      page cache size                            default 512m
//   NEO4J_START_TIMEOUT  seconds to wait for Bolt                   default 180
//   NEO4J_JAVA           java executable                            default $JAVA_HOME/bin/java, else java
//
// Exit codes: 0 ok, 1 failure, 2 a port is taken by another process,
//             3 (status only) not running.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { livePid, parsePort, parsePositiveNumber, pidExistsWithoutProc, portInUse, runCommand, stopServer, UserError } from './local-server.mjs';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const assetsDir = path.join(repoDir, 'scripts', 'neo4j');
const pomPath = path.join(assetsDir, 'pom.xml');
const confTemplatePath = path.join(assetsDir, 'neo4j.conf.template');
const composePath = path.join(repoDir, 'docker-compose.yml');

const homeDir = path.resolve(process.env.NEO4J_HOME_DIR || path.join(repoDir, '.neo4j'));
const libDir = path.join(homeDir, 'lib');
const confDir = path.join(homeDir, 'conf');
const confPath = path.join(confDir, 'neo4j.conf');
const logsDir = path.join(homeDir, 'logs');
const runDir = path.join(homeDir, 'run');
const consoleLogPath = path.join(logsDir, 'console.log');
// Our own name: the server itself writes run/neo4j.pid, which this script never trusts.
const pidPath = path.join(runDir, 'nichegraph-neo4j.pid');
// Written after a complete Maven copy; holds the hash of the pom the jars came from.
const installedMarkerPath = path.join(libDir, '.installed-from-pom');

const stopTimeoutMs = 60_000;

// An error the user can act on: printed without a stack trace.
let requestedPorts;
let startTimeoutMs;
try {
  requestedPorts = {
    bolt: parsePort('NEO4J_BOLT_PORT', 7687),
    http: parsePort('NEO4J_HTTP_PORT', 7474),
  };
  startTimeoutMs = parsePositiveNumber('NEO4J_START_TIMEOUT', 180) * 1000;
  if (requestedPorts.bolt === requestedPorts.http) {
    throw new UserError(`NEO4J_BOLT_PORT and NEO4J_HTTP_PORT must differ (both are ${requestedPorts.bolt})`);
  }
} catch (error) {
  console.error(`[neo4j] ${error.message}`);
  process.exit(1);
}

function log(message) {
  console.log(`[neo4j] ${message}`);
}

// ---------------------------------------------------------------------------------------------
// Version pin (the pom is the single source of truth)

function pinnedVersion() {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(fs.readFileSync(pomPath, 'utf8'));
  if (!match) throw new UserError(`no <neo4j.version> in ${pomPath}`);
  return match[1].trim();
}

// Docker users get the server from docker-compose.yml: it must name the same version.
function warnIfComposeDiffers(version) {
  if (!fs.existsSync(composePath)) return;
  const match = /image:\s*["']?neo4j:([^\s"'-]+)/.exec(fs.readFileSync(composePath, 'utf8'));
  if (match && match[1] !== version) {
    log(`WARNING: docker-compose.yml uses neo4j:${match[1]} but scripts/neo4j/pom.xml pins ${version}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Assembly: jars via Maven, conf from the template

function installJarsIfNeeded(version) {
  const pomHash = createHash('sha256').update(fs.readFileSync(pomPath)).digest('hex');
  if (fs.existsSync(installedMarkerPath) && fs.readFileSync(installedMarkerPath, 'utf8').trim() === pomHash) {
    return;
  }
  const mvn = process.env.MVN || 'mvn';
  // Copy into a side folder and swap it in, so an interrupted download never looks complete
  // and jars of an older pinned version never stay on the classpath.
  const partialDir = `${libDir}.partial`;
  fs.rmSync(partialDir, { recursive: true, force: true });
  log(`resolving Neo4j ${version} and Neo4j Browser with Maven into ${libDir} (first run only, ~140 MB)`);
  const started = Date.now();
  const result = spawnSync(
    mvn,
    [
      '-B', '-q',
      '-f', pomPath,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${partialDir}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  // Quiet Maven prints only problems, but Debian's Maven 3.8 adds bare ANSI colour resets even
  // in batch mode and when not on a terminal: strip those, show the rest.
  const mavenOutput = `${result.stdout ?? ''}${result.stderr ?? ''}`.replace(/\x1b\[[0-9;]*m/g, '').trim();
  if (mavenOutput) console.error(mavenOutput);
  if (result.error) {
    throw new UserError(`could not run Maven (${mvn}): ${result.error.message}. Install Maven or set MVN.`);
  }
  if (result.status !== 0) throw new UserError(`Maven failed with exit code ${result.status}`);
  fs.rmSync(libDir, { recursive: true, force: true });
  fs.renameSync(partialDir, libDir);
  fs.writeFileSync(installedMarkerPath, `${pomHash}\n`);
  log(`jars ready in ${((Date.now() - started) / 1000).toFixed(1)} s (${formatMegabytes(directorySize(libDir))})`);
}

function directorySize(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directorySize(full) : fs.statSync(full).size;
  }
  return total;
}

function formatMegabytes(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function writeConf() {
  const values = {
    home: homeDir,
    boltPort: String(requestedPorts.bolt),
    httpPort: String(requestedPorts.http),
    pagecache: process.env.NEO4J_PAGECACHE || '512m',
  };
  const conf = fs.readFileSync(confTemplatePath, 'utf8').replace(/\{\{(\w+)\}\}/g, (placeholder, key) => {
    if (!(key in values)) throw new UserError(`unknown placeholder ${placeholder} in ${confTemplatePath}`);
    return values[key];
  });
  for (const dir of [confDir, logsDir, runDir, 'data', 'plugins', 'import'].map((d) => path.resolve(homeDir, d))) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.writeFileSync(confPath, conf);
}

// The ports of the server described by the conf on disk (the one a running server was started with).
function portsFromConf() {
  if (!fs.existsSync(confPath)) return requestedPorts;
  const conf = fs.readFileSync(confPath, 'utf8');
  const portOf = (key, fallback) => {
    const match = new RegExp(`^${key.replaceAll('.', '\\.')}=.*:(\\d+)\\s*$`, 'm').exec(conf);
    return match ? Number(match[1]) : fallback;
  };
  return {
    bolt: portOf('server.bolt.listen_address', requestedPorts.bolt),
    http: portOf('server.http.listen_address', requestedPorts.http),
  };
}

// ---------------------------------------------------------------------------------------------
// Process bookkeeping

// The PID from our PID file, only if that process is alive and really is the Neo4j of this home
// (a PID reused by an unrelated process after a crash or reboot must never be signalled).
function runningServerPid() {
  return livePid(pidPath, isOurServer);
}

function isOurServer(pid) {
  try {
    // A zombie (exited, not yet reaped by a container's init) has an empty cmdline: not running.
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return cmdline.includes('org.neo4j.server.CommunityEntryPoint') && cmdline.includes(`--home-dir=${homeDir}`);
  } catch {
    return pidExistsWithoutProc(pid);
  }
}

async function assertPortFree(port, role, variable) {
  if (await portInUse(port)) {
    throw new UserError(
      `port ${port} (${role}) on 127.0.0.1 is already in use by another process, not by the Neo4j of ${homeDir}. ` +
        `Stop that process or choose another port with ${variable}=<port>. Nothing was started or stopped.`,
      2,
    );
  }
}

function javaExecutable() {
  if (process.env.NEO4J_JAVA) return process.env.NEO4J_JAVA;
  if (process.env.JAVA_HOME) return path.join(process.env.JAVA_HOME, 'bin', 'java');
  return 'java';
}

// Neo4j 5.26 supports Java 17 and 21 only.
function assertSupportedJava(java) {
  const result = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (result.error) throw new UserError(`could not run ${java}: ${result.error.message}. Install Java 17 or set NEO4J_JAVA.`);
  const match = /version "(\d+)/.exec(result.stderr);
  const major = match ? Number(match[1]) : NaN;
  if (major !== 17 && major !== 21) {
    throw new UserError(`Neo4j 5.26 needs Java 17 or 21, but ${java} is ${match ? major : 'of unknown version'}. Set NEO4J_JAVA.`);
  }
}

function jvmArguments() {
  const heap = process.env.NEO4J_HEAP ? [`-Xms${process.env.NEO4J_HEAP}`, `-Xmx${process.env.NEO4J_HEAP}`] : ['-Xms512m', '-Xmx1g'];
  return [
    ...heap,
    // Started without Neo4j's launcher, so the JVM flags its launcher would add come from here.
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+DisableExplicitGC',
    // A server out of memory should die visibly instead of limping on.
    '-XX:+ExitOnOutOfMemoryError',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '-Dlog4j2.disable.jmx=true',
    '-Dfile.encoding=UTF-8',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
    '-cp',
    [path.join(homeDir, 'plugins', '*'), path.join(libDir, '*')].join(path.delimiter),
    'org.neo4j.server.CommunityEntryPoint',
    `--home-dir=${homeDir}`,
    `--config-dir=${confDir}`,
    '--console-mode',
  ];
}

function startDetached(java) {
  // Keep the previous run's console output for a post-mortem, start this run's log empty.
  if (fs.existsSync(consoleLogPath)) fs.renameSync(consoleLogPath, `${consoleLogPath}.1`);
  const logFd = fs.openSync(consoleLogPath, 'a');
  // detached: its own session (setsid), so Ctrl-C in this terminal or the end of `npm test`
  // does not take the server down with it.
  const child = spawn(java, jvmArguments(), { cwd: homeDir, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  child.unref();
  fs.writeFileSync(pidPath, `${child.pid}\n`);
  return child.pid;
}

function logTail(lines = 40) {
  if (!fs.existsSync(consoleLogPath)) return '(no console log)';
  return fs.readFileSync(consoleLogPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Readiness: Bolt `RETURN 1` through the project's driver; HTTP transaction API if it is not installed

let driverModule;
async function loadDriver() {
  if (driverModule === undefined) {
    try {
      driverModule = (await import('neo4j-driver')).default;
    } catch {
      driverModule = null;
    }
  }
  return driverModule;
}

async function answersQuery(ports) {
  const neo4j = await loadDriver();
  if (neo4j) {
    const driver = neo4j.driver(`bolt://127.0.0.1:${ports.bolt}`, neo4j.auth.none(), {
      connectionTimeout: 2000,
      maxConnectionPoolSize: 1,
      logging: { level: 'error', logger: () => {} },
    });
    try {
      const { records } = await driver.executeQuery('RETURN 1 AS one');
      return records.length === 1;
    } catch {
      return false;
    } finally {
      await driver.close();
    }
  }
  try {
    const response = await fetch(`http://127.0.0.1:${ports.http}/db/neo4j/tx/commit`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ statements: [{ statement: 'RETURN 1' }] }),
      signal: AbortSignal.timeout(2000),
    });
    const body = await response.json();
    return response.ok && body.errors?.length === 0;
  } catch {
    return false;
  }
}

async function waitUntilAnswering(pid, ports) {
  const deadline = Date.now() + startTimeoutMs;
  while (Date.now() < deadline) {
    if (!isOurServer(pid)) {
      fs.rmSync(pidPath, { force: true });
      throw new UserError(`Neo4j (pid ${pid}) exited while starting. Last lines of ${consoleLogPath}:\n${logTail()}`);
    }
    if (await answersQuery(ports)) return;
    await sleep(1000);
  }
  throw new UserError(
    `Neo4j (pid ${pid}) did not answer on Bolt port ${ports.bolt} within ${startTimeoutMs / 1000} s; ` +
      `it is left running (stop it with: node scripts/neo4j.mjs stop). Last lines of ${consoleLogPath}:\n${logTail()}`,
  );
}

function printHowToReach(ports) {
  log(`Bolt:    bolt://127.0.0.1:${ports.bolt}   (no authentication)`);
  log(`Browser: http://127.0.0.1:${ports.http}/browser/`);
  log(`Logs:    ${consoleLogPath}`);
  log(`Stop:    node scripts/neo4j.mjs stop${process.env.NEO4J_HOME_DIR ? ` (with NEO4J_HOME_DIR=${homeDir})` : ''}`);
}

// ---------------------------------------------------------------------------------------------
// Commands

async function start() {
  const version = pinnedVersion();
  warnIfComposeDiffers(version);

  const existingPid = runningServerPid();
  if (existingPid !== undefined) {
    const ports = portsFromConf();
    if (ports.bolt !== requestedPorts.bolt || ports.http !== requestedPorts.http) {
      log(`WARNING: the running server uses Bolt ${ports.bolt} / HTTP ${ports.http}; stop it first to change ports`);
    }
    // Possibly still starting (e.g. a concurrent `start`): wait for it rather than start another.
    await waitUntilAnswering(existingPid, ports);
    log(`Neo4j ${version} is already running (pid ${existingPid})`);
    printHowToReach(ports);
    return;
  }

  await assertPortFree(requestedPorts.bolt, 'Bolt', 'NEO4J_BOLT_PORT');
  await assertPortFree(requestedPorts.http, 'HTTP', 'NEO4J_HTTP_PORT');

  const java = javaExecutable();
  assertSupportedJava(java);
  fs.mkdirSync(homeDir, { recursive: true });
  installJarsIfNeeded(version);
  writeConf();

  const started = Date.now();
  const pid = startDetached(java);
  log(`starting Neo4j ${version} (pid ${pid}, home ${homeDir}); waiting for Bolt on 127.0.0.1:${requestedPorts.bolt}`);
  await waitUntilAnswering(pid, requestedPorts);
  log(`Neo4j ${version} answers after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printHowToReach(requestedPorts);
}

async function stop() {
  const pid = runningServerPid();
  if (pid === undefined) {
    log(`not running (no live server recorded in ${pidPath})`);
    return;
  }
  log(`stopping Neo4j (pid ${pid})`);
  // SIGTERM runs Neo4j's shutdown hook, which closes the stores cleanly.
  await stopServer({ pid, isOurs: isOurServer, pidPath, timeoutMs: stopTimeoutMs, pollMs: 250, log });
}

async function status() {
  const pid = runningServerPid();
  if (pid === undefined) {
    log(`not running (home ${homeDir})`);
    process.exitCode = 3;
    return;
  }
  const ports = portsFromConf();
  if (await answersQuery(ports)) {
    log(`running (pid ${pid}, Neo4j ${pinnedVersion()})`);
    printHowToReach(ports);
  } else {
    log(`process ${pid} is alive but does not answer on Bolt port ${ports.bolt} (starting, or in trouble: see ${consoleLogPath})`);
    process.exitCode = 1;
  }
}

await runCommand('neo4j', { start, stop, status });
