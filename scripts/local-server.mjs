// What scripts/neo4j.mjs and scripts/redis.mjs share: the servers they start for this clone are
// child processes recorded in a PID file, configured from the environment and stopped by that
// PID only (never a process that merely reuses it).
import fs from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A problem the user can fix; `exitCode` 2 means "nothing was started or stopped". */
export class UserError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function parsePort(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UserError(`${name} must be a port number (1-65535), got "${raw}"`);
  return port;
}

export function parsePositiveNumber(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!(value > 0)) throw new UserError(`${name} must be a positive number, got "${raw}"`);
  return value;
}

/** True when something already listens on 127.0.0.1:port. */
export function portInUse(port) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error) => (error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(true) : reject(error)));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(false)));
  });
}

/** Without /proc (not Linux): "some process with that PID exists". */
export function pidExistsWithoutProc(pid) {
  if (fs.existsSync('/proc/self')) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The PID in `pidPath` if `isOurs` says that process is our server; a stale file is removed. */
export function livePid(pidPath, isOurs) {
  if (!fs.existsSync(pidPath)) return undefined;
  const pid = Number(fs.readFileSync(pidPath, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isOurs(pid)) return pid;
  fs.rmSync(pidPath, { force: true });
  return undefined;
}

/** SIGTERM (the server's clean shutdown), SIGKILL after `timeoutMs`, then the PID file goes. */
export async function stopServer({ pid, isOurs, pidPath, timeoutMs, pollMs, log }) {
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + timeoutMs;
  while (isOurs(pid) && Date.now() < deadline) await sleep(pollMs);
  if (isOurs(pid)) {
    log(`still alive after ${timeoutMs / 1000} s: sending SIGKILL to pid ${pid}`);
    process.kill(pid, 'SIGKILL');
    while (isOurs(pid)) await sleep(pollMs);
  }
  fs.rmSync(pidPath, { force: true });
  log('stopped');
}

/**
 * Runs the command named by the first argument (`node scripts/<label>.mjs start|stop|status`):
 * a UserError is printed as `[label] message` and sets the exit code; anything else is a bug
 * and is thrown.
 */
export async function runCommand(label, commands) {
  const command = commands[process.argv[2]];
  if (!command) {
    console.error(`usage: node scripts/${label}.mjs ${Object.keys(commands).join('|')}`);
    process.exit(1);
  }
  try {
    await command();
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    console.error(`[${label}] ${error.message}`);
    process.exitCode = error.exitCode;
  }
}
