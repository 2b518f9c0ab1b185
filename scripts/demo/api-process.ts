/**
 * The API as a child process of the demo: `node --import=tsx src/server.ts` on a free
 * port of 127.0.0.1, ready once GET /health/ready answers 200. Its output is kept (the
 * last lines) and shown when something goes wrong; DEMO_VERBOSE=1 streams it live.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { DemoError } from './demo-error.js';

const LOG_TAIL_LINES = 40;
const STOP_GRACE_MS = 15_000;

/** A port that was free a moment ago (the kernel picks it). */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

export interface ApiProcessOptions {
  repoDir: string;
  host: string;
  port: number;
  neo4jUri: string;
  verbose: boolean;
}

export class ApiProcess {
  private readonly tail: string[] = [];
  private exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  /** Resolves when the child has exited. */
  readonly exited: Promise<void>;
  readonly baseUrl: string;

  private constructor(
    private readonly child: ChildProcess,
    options: ApiProcessOptions,
  ) {
    this.baseUrl = `http://${options.host}:${options.port}`;
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve();
      });
    });
    const keep = (chunk: Buffer, stream: NodeJS.WriteStream): void => {
      if (options.verbose) stream.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        this.tail.push(line);
        if (this.tail.length > LOG_TAIL_LINES) this.tail.shift();
      }
    };
    child.stdout?.on('data', (c: Buffer) => keep(c, process.stdout));
    child.stderr?.on('data', (c: Buffer) => keep(c, process.stderr));
  }

  static start(options: ApiProcessOptions): ApiProcess {
    const child = spawn(process.execPath, ['--import=tsx', 'src/server.ts'], {
      cwd: options.repoDir,
      env: {
        ...process.env,
        HOST: options.host,
        PORT: String(options.port),
        NEO4J_URI: options.neo4jUri,
        // The demo's API runs its analyses itself (a REDIS_URL in the shell would need workers).
        REDIS_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const api = new ApiProcess(child, options);
    child.once('error', (err) => api.tail.push(`cannot start the API: ${err.message}`));
    return api;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exit === null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** The last lines the API printed, indented, for error messages. */
  logTail(): string[] {
    return this.tail.length === 0 ? [] : ['last lines of the API output:', ...this.tail.map((l) => `  | ${l}`)];
  }

  /** Resolves when GET /health/ready answers 200; throws if the API exits or the time runs out. */
  async waitUntilReady(timeoutMs: number, onWaiting?: (reason: string) => void): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no answer yet';
    let lastReported = 0;
    while (Date.now() < deadline) {
      if (!this.running) {
        const how = this.exit?.signal ? `signal ${this.exit.signal}` : `code ${this.exit?.code ?? this.child.exitCode}`;
        throw new DemoError(`the API exited (${how}) before it was ready`, this.logTail());
      }
      try {
        const res = await fetch(`${this.baseUrl}/health/ready`, { signal: AbortSignal.timeout(3000) });
        const body = await res.text();
        if (res.status === 200) return;
        last = `GET /health/ready answered ${res.status}${body ? `: ${body.slice(0, 200)}` : ''}`;
      } catch (err) {
        last = `no answer on ${this.baseUrl}: ${(err as Error & { cause?: { code?: string } }).cause?.code ?? (err as Error).message}`;
      }
      if (onWaiting && Date.now() - lastReported > 5000) {
        lastReported = Date.now();
        onWaiting(last);
      }
      await sleep(300);
    }
    throw new DemoError(`the API was not ready within ${Math.round(timeoutMs / 1000)} s (${last})`, this.logTail());
  }

  /** SIGTERM, then SIGKILL if it has not exited after a grace period. Safe to call twice. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const killed = await Promise.race([this.exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
    if (!killed && this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
  }

  /** Last resort on process exit: synchronous, no waiting. */
  killNow(): void {
    if (this.running) this.child.kill('SIGKILL');
  }
}
