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
  /** Largest JSON body accepted by every other route, in bytes. */
  BODY_LIMIT: Type.Integer({ default: 1024 * 1024, minimum: 1024 }),
  /** Analyses computed at the same time; the rest wait in order. */
  ANALYSIS_CONCURRENCY: Type.Integer({ default: 1, minimum: 1, maximum: 16 }),
  /** Analyses waiting for a worker at most; one more is refused with 503 + Retry-After. */
  ANALYSIS_QUEUE_LIMIT: Type.Integer({ default: 16, minimum: 0, maximum: 10000 }),
});

export type Config = Static<typeof ConfigSchema>;

/** Validates `env` (process.env by default); throws an Error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return envSchema<Config>({ schema: ConfigSchema as object, data: env, dotenv: false });
}
