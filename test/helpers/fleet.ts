/**
 * Real processes of a fleet for tests: API instances (`src/server.ts`) and workers
 * (`src/worker.ts`) started with tsx as children, against the real Neo4j (NEO4J_URI) and the
 * real Redis (REDIS_URL; npm test starts one). Each test file passes its own REDIS_PREFIX, so
 * files never see each other's queues. `waitUntil` polls a condition with a generous deadline:
 * these tests assert what happens, never how fast.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const REDIS_URL = process.env.REDIS_URL ?? `redis://127.0.0.1:${process.env.REDIS_PORT ?? 6379}`;

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `check` until it returns a value other than undefined/false, or throws after `timeoutMs`. */
export async function waitUntil<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 120_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms${last ? ` (last error: ${String(last)})` : ''}`);
    await sleep(everyMs);
  }
}

export class FleetProcess {
  readonly lines: string[] = [];
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  readonly exited: Promise<void>;

  constructor(
    readonly role: 'api' | 'worker',
    readonly child: ChildProcess,
    readonly url: string | null,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitInfo = { code, signal };
        resolve();
      }),
    );
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') this.lines.push(line);
      if (this.lines.length > 2000) this.lines.splice(0, this.lines.length - 2000);
      if (process.env.TEST_FLEET_VERBOSE) process.stderr.write(`[${role} ${child.pid}] ${chunk.toString('utf8')}`);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get alive(): boolean {
    return this.exitInfo === null;
  }

  /** Log records (pino JSON lines) that parse. */
  records(): Array<Record<string, unknown>> {
    return this.lines.flatMap((l) => {
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  }

  tail(n = 30): string {
    return this.lines.slice(-n).join('\n');
  }

  async fetch(pathname: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: any; headers: Headers }> {
    if (this.url === null) throw new Error('a worker has no HTTP');
    const { json, ...rest } = init;
    const res = await fetch(this.url + pathname, {
      ...rest,
      headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...(rest.headers ?? {}) },
      ...(json !== undefined ? { body: JSON.stringify(json) } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body, headers: res.headers };
  }

  /** SIGTERM (or `signal`), then wait for the exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.alive) return;
    this.child.kill(signal);
    await this.exited;
  }
}

function spawnTs(script: string, env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import=tsx', path.join(repoDir, 'src', script)], {
    cwd: repoDir,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const BASE_ENV: Record<string, string> = {
  HOST: '127.0.0.1',
  // Short enough that a killed worker is taken over in seconds, long enough for a loaded machine's event loops.
  ANALYSIS_LEASE_MS: '5000',
  // The minimum: a SIGTERM'd worker abandons what still runs after it (fleet.test.ts).
  SHUTDOWN_GRACE_MS: '1000',
  RATE_LIMIT_MAX: '1000000',
  RATE_LIMIT_JOBS_MAX: '1000000',
  MAX_ANALYSES_PER_KEY: '1000',
  MAX_EVENT_LOOP_DELAY_MS: '0',
  PROJECTION_CACHE_MB: '64',
};

export async function startApi(env: Record<string, string>): Promise<FleetProcess> {
  const port = await freePort();
  const proc = new FleetProcess('api', spawnTs('server.ts', { ...BASE_ENV, PORT: String(port), ...env }), `http://127.0.0.1:${port}`);
  await waitUntil(
    `API on port ${port} to answer`,
    async () => {
      if (!proc.alive) throw new Error(`the API exited:\n${proc.tail()}`);
      return (await proc.fetch('/health/live').catch(() => ({ status: 0 }))).status === 200;
    },
    90_000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n${proc.tail()}`);
  });
  return proc;
}

export async function startWorker(env: Record<string, string>): Promise<FleetProcess> {
  const proc = new FleetProcess('worker', spawnTs('worker.ts', { ...BASE_ENV, ...env }), null);
  await waitUntil(
    'the worker to take analyses',
    async () => {
      if (!proc.alive) throw new Error(`the worker exited:\n${proc.tail()}`);
      return proc.lines.some((l) => l.includes('worker taking analyses'));
    },
    90_000,
  ).catch((err: Error) => {
    throw new Error(`${err.message}\n${proc.tail()}`);
  });
  return proc;
}
