/**
 * Idempotency-Key records in Neo4j, so a key outlives a restart of the service.
 *
 *   (:IdempotencyKey {id, token, fingerprint, state: 'pending'|'done', lockedUntil,
 *                     expiresAt, status?, body?, headers?})                 unique id
 *   id: SHA-256 of (API key id + client key); fingerprint: SHA-256 of the request;
 *   token: the claim of one request; times are epoch milliseconds.
 *
 * Statements are in cypher/idempotency-*.cypher. Expired records are ignored by claim()
 * (taken over) and deleted by purgeExpired().
 */
import neo4j, { type Driver } from 'neo4j-driver';
import { CypherFiles } from './cypher-files.js';

export interface StoredAnswer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export type Claim =
  | { outcome: 'claimed' }
  | { outcome: 'mismatch' }
  | { outcome: 'in-progress' }
  | { outcome: 'replay'; answer: StoredAnswer };

export interface ClaimRequest {
  id: string;
  token: string;
  fingerprint: string;
  now: number;
  lockedUntil: number;
  expiresAt: number;
}

export interface IdempotencyStore {
  init(): Promise<void>;
  claim(request: ClaimRequest): Promise<Claim>;
  /** Records the answer; false when the claim was lost (taken over after its lock expired). */
  complete(id: string, token: string, answer: StoredAnswer, expiresAt: number): Promise<boolean>;
  release(id: string, token: string): Promise<void>;
  /** Deletes expired records (at most `limit` per call); returns how many. */
  purgeExpired(now: number, limit?: number): Promise<number>;
}

function num(value: unknown): number {
  return neo4j.isInt(value) ? value.toNumber() : Number(value);
}

export class Neo4jIdempotencyStore implements IdempotencyStore {
  private readonly q: CypherFiles;

  constructor(
    private readonly driver: Driver,
    private readonly database: string,
    cypher?: CypherFiles,
  ) {
    this.q = cypher ?? new CypherFiles();
  }

  private run(name: string, params: Record<string, unknown>) {
    return this.driver.executeQuery(this.q.get(name), params, { database: this.database, routing: neo4j.routing.WRITE });
  }

  async init(): Promise<void> {
    for (const statement of this.q.statements('idempotency-schema')) {
      await this.driver.executeQuery(statement, {}, { database: this.database });
    }
  }

  async claim(r: ClaimRequest): Promise<Claim> {
    const res = await this.run('idempotency-claim', {
      id: r.id,
      token: r.token,
      fingerprint: r.fingerprint,
      now: neo4j.int(r.now),
      lockedUntil: neo4j.int(r.lockedUntil),
      expiresAt: neo4j.int(r.expiresAt),
    });
    const row = res.records[0];
    if (!row) throw new Error('store/idempotency-store: claim returned no row');
    if (row.get('mine') === true) return { outcome: 'claimed' };
    if (row.get('fingerprint') !== r.fingerprint) return { outcome: 'mismatch' };
    if (row.get('state') !== 'done') return { outcome: 'in-progress' };
    return {
      outcome: 'replay',
      answer: {
        status: num(row.get('status')),
        body: String(row.get('body') ?? ''),
        headers: JSON.parse(String(row.get('headers') ?? '{}')) as Record<string, string>,
      },
    };
  }

  async complete(id: string, token: string, answer: StoredAnswer, expiresAt: number): Promise<boolean> {
    const res = await this.run('idempotency-complete', {
      id,
      token,
      status: neo4j.int(answer.status),
      body: answer.body,
      headers: JSON.stringify(answer.headers),
      expiresAt: neo4j.int(expiresAt),
    });
    return res.records.length > 0;
  }

  async release(id: string, token: string): Promise<void> {
    await this.run('idempotency-release', { id, token });
  }

  async purgeExpired(now: number, limit = 10_000): Promise<number> {
    const res = await this.run('idempotency-purge', { now: neo4j.int(now), limit: neo4j.int(limit) });
    return num(res.records[0]?.get('purged') ?? 0);
  }
}
