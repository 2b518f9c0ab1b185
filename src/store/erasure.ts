/**
 * The right to erasure (cypher/erasure-*.cypher): an account, every interaction it sent or
 * received and every trace of it in stored results go, and a ledger keeps it erased.
 *
 * The ledger: (:Erasure {hash, graphId, keyId, erasedAt, completedAt}), hash =
 * HMAC-SHA256(ERASURE_SECRET, graphId NUL accountId) (erasure-keys.ts says why keyed). It
 * holds no account id; entries outlive a deleted graph, so a graph created again under the
 * same id keeps its people erased.
 *
 * Steps of erase(), each idempotent, so a retry of an erasure cut off anywhere completes it:
 *   1. erasure-begin: the ledger entry (pending), in a transaction that takes the graph's
 *      write lock and raises its version: from its commit on every ingest into the graph
 *      (which takes the same lock) sees the entry and stores nothing of the account;
 *   2. erasure-interactions: its interactions, in inner transactions of deleteBatchSize;
 *   3. each succeeded analysis of the graph: its stored result redacted (result-redaction.ts),
 *      one transaction per analysis;
 *   4. Idempotency-Key answers that name the id: the id replaced;
 *   5. erasure-finish: the account node, the graph's version raised again, the entry complete.
 * An analysis that was computing while this ran (its projection read before step 2) is
 * redacted after its result is written (redactIfErased, called by the store's writeResult):
 * either its result was succeeded before step 3 listed the analyses, or it checks the
 * ledger after step 1 committed.
 *
 * Ingestion asks erasedAmong() inside its own transaction, after the graph lock, only when
 * the graph has ledger entries (ingest-lock-graph says so): the batch's account ids are
 * hashed under every configured key and looked up.
 */
import neo4j, { type ManagedTransaction } from 'neo4j-driver';
import { erasureHash, type ErasureKeys } from './erasure-keys.js';
import type { Neo4jContext } from './neo4j-context.js';
import { int, str, toNumber } from './neo4j-values.js';
import { redactResult } from './result-redaction.js';

export interface ErasureOutcome {
  /** Analyses whose stored result held the account (and were rewritten without it). */
  redactedAnalyses: string[];
}

export class Neo4jErasure {
  constructor(
    private readonly ctx: Neo4jContext,
    private readonly options: { keys: ErasureKeys | null; deleteBatchSize: number },
  ) {}

  private get keys(): ErasureKeys {
    if (!this.options.keys) throw new Error('store/erasure: no ERASURE_SECRET configured: the erasure ledger cannot be written or read');
    return this.options.keys;
  }

  /** Every ledger hash of (graphId, accountId), one per configured key. */
  hashes(graphId: string, accountId: string): string[] {
    return this.keys.all.map((k) => erasureHash(k, graphId, accountId));
  }

  /** Erases an account (module comment). Null when the graph is unknown. */
  async erase(graphId: string, accountId: string): Promise<ErasureOutcome | null> {
    const { q, driver, database } = this.ctx;
    const hash = erasureHash(this.keys.current, graphId, accountId);
    const now = () => new Date().toISOString();
    // Under an older key the entry may exist already: the current key's entry is added beside it.
    const begun = await this.ctx.write('erasure-begin', { graphId, hash, keyId: this.keys.current.id, now: now() });
    if (begun.records.length === 0) return null;

    const session = driver.session({ database, defaultAccessMode: neo4j.session.WRITE });
    try {
      await session.run(q.get('erasure-interactions'), { graphId, accountId, batchSize: int(this.options.deleteBatchSize) });
    } finally {
      await session.close();
    }

    const redactedAnalyses: string[] = [];
    const analyses = await this.ctx.read('erasure-analyses', { graphId });
    for (const r of analyses.records) {
      const analysisId = str(r.get('id'));
      const { removed } = await redactResult(this.ctx, analysisId, (id) => id === accountId);
      if (removed > 0) redactedAnalyses.push(analysisId);
    }

    await this.ctx.write('erasure-idempotency', { token: JSON.stringify(accountId), replacement: JSON.stringify('[erased]') });
    await this.ctx.write('erasure-finish', { graphId, accountId, hash, now: now() });
    return { redactedAnalyses };
  }

  /**
   * The ids among `ids` that are erased in the graph, read in the caller's transaction (an
   * ingest, after its graph lock).
   */
  async erasedAmong(tx: ManagedTransaction, graphId: string, ids: Iterable<string>): Promise<Set<string>> {
    const byHash = new Map<string, string>();
    for (const id of ids) for (const h of this.hashes(graphId, id)) byHash.set(h, id);
    const erased = new Set<string>();
    const hashes = [...byHash.keys()];
    for (let at = 0; at < hashes.length; at += 20_000) {
      const res = await tx.run(this.ctx.q.get('erasure-lookup'), { hashes: hashes.slice(at, at + 20_000) });
      for (const r of res.records) erased.add(byHash.get(str(r.get('hash'))) as string);
    }
    return erased;
  }

  /**
   * After a result was written: when its graph has erased accounts, the result is rewritten
   * without those among `ids` (the result's account ids). Returns how many it removed.
   */
  async redactIfErased(analysisId: string, ids: readonly string[]): Promise<number> {
    const found = (await this.ctx.read('erasure-of-analysis', { analysisId })).records[0];
    if (!found || found.get('erasures') !== true) return 0;
    const graphId = str(found.get('graphId'));
    const erased = await this.ctx.inRead((tx) => this.erasedAmong(tx, graphId, ids));
    if (erased.size === 0) return 0;
    const { removed } = await redactResult(this.ctx, analysisId, (id) => erased.has(id));
    this.ctx.log.info({ analysisId, removed }, 'removed erased accounts from a result computed while they were being erased');
    return removed;
  }

  /**
   * At boot: refuses (throws) when the ledger holds entries written with a key that is not
   * configured (they would stop matching); returns the entries not yet complete.
   */
  async checkLedger(): Promise<{ entries: number; pending: number }> {
    const res = await this.ctx.read('erasure-ledger-keys');
    let entries = 0;
    let pending = 0;
    const known = new Set((this.options.keys?.all ?? []).map((k) => k.id));
    const unknown: string[] = [];
    for (const r of res.records) {
      const n = toNumber(r.get('entries'));
      entries += n;
      pending += toNumber(r.get('pending'));
      const keyId = str(r.get('keyId'));
      if (!known.has(keyId)) unknown.push(`${n} entries of key ${keyId}`);
    }
    if (unknown.length > 0) {
      throw new Error(
        `the erasure ledger holds entries written with a secret that is not configured (${unknown.join(', ')}): ` +
          'keep that secret in ERASURE_SECRET_PREVIOUS, or the accounts they stand for would no longer be suppressed',
      );
    }
    return { entries, pending };
  }
}
