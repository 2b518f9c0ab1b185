/**
 * Creates the one Neo4j driver of the process and checks that the server answers.
 *
 * Integers: the driver keeps its default lossless integers (neo4j Integer objects);
 * Neo4jGraphStore converts every value it reads to a JS number at its boundary and
 * sends integer parameters (SKIP/LIMIT, batch sizes) with neo4j.int. The store therefore
 * works with any driver configuration, including `disableLosslessIntegers: true`.
 */
import neo4j, { type Driver } from 'neo4j-driver';

export interface DriverOptions {
  uri: string;
  /** Empty or missing: no authentication (a server with auth disabled). */
  user?: string;
  password?: string;
  /** Database used for the connectivity check. Default "neo4j". */
  database?: string;
  /** How long to wait for the server before giving up, in ms. Default 10000. */
  connectTimeoutMs?: number;
  /** How long the driver retries a transaction on transient errors (server gone), in ms. Driver default 30000. */
  maxRetryTimeMs?: number;
}

/** Thrown when the server does not answer in time; the message names the URI. */
export class Neo4jUnavailableError extends Error {
  readonly code = 'NG_STORE_UNAVAILABLE';
  constructor(
    readonly uri: string,
    cause: unknown,
  ) {
    super(`store/driver: Neo4j at ${uri} is not reachable: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'Neo4jUnavailableError';
  }
}

/**
 * Returns a driver whose connectivity has been verified; on failure closes it and throws
 * a Neo4jUnavailableError naming the URI.
 */
export async function createDriver(options: DriverOptions): Promise<Driver> {
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  const auth =
    options.user !== undefined && options.user !== ''
      ? neo4j.auth.basic(options.user, options.password ?? '')
      : undefined;
  let driver: Driver;
  try {
    driver = neo4j.driver(options.uri, auth, {
      connectionTimeout: timeoutMs,
      connectionAcquisitionTimeout: timeoutMs,
      userAgent: 'nichegraph',
      ...(options.maxRetryTimeMs === undefined ? {} : { maxTransactionRetryTime: options.maxRetryTimeMs }),
    });
  } catch (err) {
    // Malformed URI and the like.
    throw new Neo4jUnavailableError(options.uri, err);
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      driver.verifyConnectivity({ database: options.database ?? 'neo4j' }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (err) {
    await driver.close().catch(() => {});
    throw new Neo4jUnavailableError(options.uri, err);
  } finally {
    if (timer) clearTimeout(timer);
  }
  return driver;
}
