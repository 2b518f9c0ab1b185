/**
 * Service configuration, read from the environment and validated at boot.
 * A bad value stops the service at once with a message naming the variable.
 * The README's configuration table documents every key below.
 */
import envSchema from 'env-schema';
import { Type, type Static } from 'typebox';

export const ConfigSchema = Type.Object({
  HOST: Type.String({ default: '127.0.0.1', minLength: 1 }),
  PORT: Type.Integer({ default: 3000, minimum: 0, maximum: 65535 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  NEO4J_URI: Type.String({ default: 'bolt://127.0.0.1:7687', pattern: '^(bolt|neo4j)(\\+s|\\+ssc)?://.+' }),
  NEO4J_USER: Type.String({ default: '' }),
  NEO4J_PASSWORD: Type.String({ default: '' }),
  NEO4J_DATABASE: Type.String({ default: 'neo4j', minLength: 1 }),
  /** How long the boot waits for Neo4j before giving up. */
  NEO4J_CONNECT_TIMEOUT_MS: Type.Integer({ default: 10000, minimum: 100 }),
  /** How long a request retries Neo4j on transient errors (server gone) before answering 503. */
  NEO4J_MAX_RETRY_MS: Type.Integer({ default: 10000, minimum: 0 }),
  /** Interactions (and, separately, accounts) accepted in one ingestion request. */
  MAX_BATCH_ITEMS: Type.Integer({ default: 50000, minimum: 1, maximum: 1000000 }),
  /** Largest JSON body accepted by the ingestion route, in bytes. */
  INGEST_BODY_LIMIT: Type.Integer({ default: 32 * 1024 * 1024, minimum: 1024 }),
  /** Streamed ingestion (NDJSON, CSV): rows per batch, i.e. per transaction. */
  INGEST_STREAM_BATCH_ROWS: Type.Integer({ default: 10000, minimum: 1, maximum: 100000 }),
  /** Streamed ingestion: data rows accepted in one body. */
  INGEST_STREAM_MAX_ROWS: Type.Integer({ default: 20_000_000, minimum: 1 }),
  /** Streamed ingestion: bytes accepted in one body (a streamed body bypasses INGEST_BODY_LIMIT). */
  INGEST_STREAM_BYTE_LIMIT: Type.Integer({ default: 4 * 1024 * 1024 * 1024, minimum: 1024 }),
  /**
   * Streamed ingestion: characters of one NDJSON line or one CSV record at most (413
   * NG_LINE_TOO_LONG above). A valid interaction needs under 2,000; the cap keeps a body
   * without line breaks from being buffered whole.
   */
  INGEST_STREAM_MAX_LINE_LENGTH: Type.Integer({ default: 65536, minimum: 1024, maximum: 16 * 1024 * 1024 }),
  /** Largest JSON body accepted by every other route, in bytes. */
  BODY_LIMIT: Type.Integer({ default: 1024 * 1024, minimum: 1024 }),
  /** Analyses computed at the same time; the rest wait in order. */
  ANALYSIS_CONCURRENCY: Type.Integer({ default: 1, minimum: 1, maximum: 16 }),
  /**
   * While no analysis runs, the spare analysis worker runs a warm-up analysis on a generated
   * graph (src/analysis/warm-up.ts; a few CPU seconds each time), so the next analysis starts
   * in optimized code. Off: every analysis pays V8's tier-up itself.
   */
  ANALYSIS_WARM_UP: Type.Boolean({ default: true }),
  /** Analyses waiting for a worker at most; one more is refused with 503 + Retry-After. */
  ANALYSIS_QUEUE_LIMIT: Type.Integer({ default: 16, minimum: 0, maximum: 10000 }),
  /**
   * Memory (MiB) for projected graphs kept between analyses (src/jobs/projection-cache.ts);
   * 0 disables the cache. A 256k-account, 330k-pair projection takes about 30 MiB.
   */
  PROJECTION_CACHE_MB: Type.Integer({ default: 512, minimum: 0, maximum: 1_048_576 }),
  /** Memory (MiB) for the ambassador orders of recently asked analyses (src/reads/ambassador-orders.ts; a few MiB each). */
  AMBASSADOR_CACHE_MB: Type.Integer({ default: 64, minimum: 1, maximum: 1_048_576 }),
  /** Where `npm run build` wrote the explorer page; empty = dist/explorer beside package.json. */
  EXPLORER_DIR: Type.String({ default: '' }),

  // ---- Fleet (issue 13): a shared queue in Redis, worker processes (src/worker.ts).
  /**
   * Redis of the fleet mode, e.g. redis://127.0.0.1:6379. Set: analyses go on a shared BullMQ
   * queue run by `npm run worker` processes, `npm start` serves HTTP only, and rate limits and
   * analysis quotas are counted in Redis. Empty: one process queues and runs (embedded).
   */
  REDIS_URL: Type.String({ default: '', pattern: '^$|^rediss?://.+' }),
  /** Prefix of every Redis key and channel nichegraph uses (several deployments may share a Redis). */
  REDIS_PREFIX: Type.String({ default: 'nichegraph', pattern: '^[A-Za-z0-9_.-]{1,64}$' }),
  /**
   * How long a runner holds an analysis without renewing (renewed every third of it); also the
   * BullMQ lock and stalled-check interval. A worker killed mid-analysis is taken over after
   * about two of these.
   */
  ANALYSIS_LEASE_MS: Type.Integer({ default: 30000, minimum: 1000, maximum: 3_600_000 }),
  /**
   * Longest an analysis may run once its worker starts (seconds; 0: no limit). Past it the
   * analysis fails with error "timed out: ..." and nothing of it is kept. The default is about
   * 7x the slowest first analysis measured on the largest graph the service is sized for (the
   * 1M-account, 11.5M-interaction LFR graph: 471 s end to end on a loaded 2-core machine), so
   * only a stuck or pathological run reaches it.
   */
  ANALYSIS_MAX_SECONDS: Type.Integer({ default: 3600, minimum: 0, maximum: 7 * 24 * 3600 }),

  // ---- API hardening (issue #5); the README's "Configuration, limits and auth" section lists them.
  /**
   * API keys, comma-separated: `<scope>:<sha256 hex of the key>[:<graph>|<graph>...]`, scope read, write or
   * admin. Empty: no authentication, allowed only on a loopback HOST or with AUTH_DISABLED=true.
   */
  API_KEYS: Type.String({ default: '' }),
  /** Serve without API keys on a non-loopback HOST (a trusted network in front does the auth). */
  AUTH_DISABLED: Type.Boolean({ default: false }),
  /** Requests per key (or client address without auth) per RATE_LIMIT_WINDOW_MS, all routes but health. */
  RATE_LIMIT_MAX: Type.Integer({ default: 600, minimum: 1 }),
  /**
   * Requests per client address per RATE_LIMIT_WINDOW_MS, counted before authentication (so
   * floods without a valid key get 429 too); all routes but health. Raise it when many
   * callers share one address (a proxy not named in TRUST_PROXY).
   */
  RATE_LIMIT_ADDRESS_MAX: Type.Integer({ default: 1200, minimum: 1 }),
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (rate limits, logs):
   * empty = none (the socket's address), `true` = any, a number = that many hops, or a
   * comma-separated list of addresses/CIDRs (Fastify's trustProxy).
   */
  TRUST_PROXY: Type.String({ default: '' }),
  /** Analysis-creating requests per key per RATE_LIMIT_WINDOW_MS (counted apart, stricter). */
  RATE_LIMIT_JOBS_MAX: Type.Integer({ default: 30, minimum: 1 }),
  RATE_LIMIT_WINDOW_MS: Type.Integer({ default: 60000, minimum: 1000 }),
  /** Analyses one key may have queued or running at once (over every instance with REDIS_URL; 429 above). */
  MAX_ANALYSES_PER_KEY: Type.Integer({ default: 2, minimum: 1, maximum: 1000 }),
  /** Event-loop delay (ms, mean over a sample) above which requests get 503 + Retry-After; 0 = off. */
  MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ default: 1000, minimum: 0 }),
  /** Heap used (bytes) above which requests get 503 + Retry-After; 0 = off. */
  MAX_HEAP_USED_BYTES: Type.Integer({ default: 0, minimum: 0 }),
  /** Seconds a completed Idempotency-Key answer is kept (in Neo4j) for replay. */
  IDEMPOTENCY_TTL_SECONDS: Type.Integer({ default: 86400, minimum: 60 }),
  /** Seconds a request holding an Idempotency-Key may run before a retry may take the key over. */
  IDEMPOTENCY_LOCK_SECONDS: Type.Integer({ default: 300, minimum: 5 }),
  // ---- The erasure ledger (src/store/erasure-keys.ts, README "Right to erasure")
  /**
   * Secret of the erasure ledger's HMAC (32+ bytes: 64+ hex digits, or 32+ characters), kept
   * apart from the database. Required unless HOST is a loopback address (then a development
   * secret is used, with a warning).
   */
  ERASURE_SECRET: Type.String({ default: '' }),
  /** Earlier ERASURE_SECRETs, comma-separated, kept after a rotation so their ledger entries still match. */
  ERASURE_SECRET_PREVIOUS: Type.String({ default: '' }),
  // ---- Server timeouts (Node's http server, set through Fastify)
  /** Milliseconds a client has to send a request's headers (slow-header clients are cut off with 408). */
  HEADERS_TIMEOUT_MS: Type.Integer({ default: 10000, minimum: 100 }),
  /**
   * Milliseconds a client has to send a whole request, body included (408 after); 0 = none.
   * Streamed uploads must fit in it: at ~15k interactions/s an hour holds ~50 M.
   */
  REQUEST_TIMEOUT_MS: Type.Integer({ default: 3_600_000, minimum: 0 }),
  /** Milliseconds a connection may stay silent, both ways, before it is closed; above ?wait's 60 s. */
  CONNECTION_TIMEOUT_MS: Type.Integer({ default: 120000, minimum: 1000 }),
  /** Milliseconds an idle keep-alive connection is kept open (above the usual 60 s of load balancers, so they close first). */
  KEEP_ALIVE_TIMEOUT_MS: Type.Integer({ default: 72000, minimum: 100 }),
  /** Seconds SIGTERM waits for in-flight requests and running analyses before the process exits anyway. */
  SHUTDOWN_GRACE_MS: Type.Integer({ default: 30000, minimum: 1000 }),
});

export type Config = Static<typeof ConfigSchema>;

/** Validates `env` (process.env by default); throws an Error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return envSchema<Config>({ schema: ConfigSchema as object, data: env, dotenv: false });
}
