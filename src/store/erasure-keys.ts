/**
 * The keys of the erasure ledger (erasure.ts): an erased account is recorded as
 * HMAC-SHA256(secret, graphId NUL accountId), never by its id.
 *
 * Why a keyed hash and not a salted one: account ids are often guessable handles
 * ("@alice"), and whoever holds the database (and so any salt stored beside the hashes) can
 * hash a list of candidate handles and find who was erased. With a secret that lives only in
 * the service's configuration (ERASURE_SECRET), the ledger alone reveals nothing.
 *
 * Rotation: a new ERASURE_SECRET with the old one kept in ERASURE_SECRET_PREVIOUS. Entries
 * cannot be re-keyed (the ledger holds no id to hash again), so a lookup hashes each id under
 * every configured secret, and new entries use the current one. Each entry records the
 * `keyId` of the secret that wrote it (the first 16 hex digits of SHA-256 of a domain tag and
 * the secret: it names a secret without revealing it); at boot the service refuses to start
 * when the ledger holds entries of a secret no longer configured (they would stop matching,
 * and the people they stand for would come back with the next upload).
 */
import { createHash, createHmac } from 'node:crypto';

export interface ErasureKey {
  id: string;
  /** A Buffer, or a Uint8Array once sent to a worker thread. */
  secret: Uint8Array;
}

export interface ErasureKeys {
  /** The key new entries are written with. */
  current: ErasureKey;
  /** Every configured key, current first. */
  all: ErasureKey[];
}

/** Bytes a secret must have at least (256 bits, HMAC-SHA256's block of strength). */
export const MIN_SECRET_BYTES = 32;

function keyOf(text: string, name: string): ErasureKey {
  const trimmed = text.trim();
  // Hex (64+ digits) is decoded; anything else is taken as its UTF-8 bytes.
  const secret = /^(?:[0-9a-fA-F]{2}){32,}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'utf8');
  if (secret.length < MIN_SECRET_BYTES) {
    throw new Error(`${name} must hold at least ${MIN_SECRET_BYTES} bytes (e.g. \`openssl rand -hex 32\`), got ${secret.length}`);
  }
  const id = createHash('sha256').update('nichegraph erasure key\u0000').update(secret).digest('hex').slice(0, 16);
  return { id, secret };
}

/** Parses ERASURE_SECRET and ERASURE_SECRET_PREVIOUS (comma-separated); throws naming the variable. */
export function parseErasureKeys(current: string, previous = ''): ErasureKeys {
  if (current.trim() === '') {
    throw new Error('ERASURE_SECRET is unset: set it to a secret of 32+ random bytes (e.g. `openssl rand -hex 32`), kept apart from the database');
  }
  const key = keyOf(current, 'ERASURE_SECRET');
  const older = previous
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s, i) => keyOf(s, `ERASURE_SECRET_PREVIOUS entry #${i + 1}`));
  const all = [key, ...older.filter((k) => k.id !== key.id)];
  return { current: key, all };
}

/** The ledger hash of (graphId, accountId) under one key, hex. */
export function erasureHash(key: ErasureKey, graphId: string, accountId: string): string {
  return createHmac('sha256', key.secret).update(graphId, 'utf8').update('\u0000').update(accountId, 'utf8').digest('hex');
}

/** A short, non-reversible name of an erasure for logs: the first 16 hex digits of its ledger hash. */
export function erasureLogId(keys: ErasureKeys, graphId: string, accountId: string): string {
  return erasureHash(keys.current, graphId, accountId).slice(0, 16);
}

/**
 * The development secret: used only when ERASURE_SECRET is unset and the service listens on a
 * loopback address (as the API may run without keys there). It is public, so its ledger
 * entries protect nothing against whoever holds the database.
 */
export const DEVELOPMENT_SECRET = 'nichegraph development erasure secret: set ERASURE_SECRET';

/** The ledger keys of a configuration (see ERASURE_SECRET in src/config.ts); throws naming the variable. */
export function erasureKeysFor(
  config: { ERASURE_SECRET: string; ERASURE_SECRET_PREVIOUS: string; HOST: string },
  isLoopback: (host: string) => boolean,
): { keys: ErasureKeys; development: boolean } {
  if (config.ERASURE_SECRET.trim() === '' && isLoopback(config.HOST)) {
    return { keys: parseErasureKeys(DEVELOPMENT_SECRET, config.ERASURE_SECRET_PREVIOUS), development: true };
  }
  if (config.ERASURE_SECRET.trim() === '') {
    throw new Error(
      `ERASURE_SECRET is unset but HOST ${config.HOST} is not a loopback address: set it to a secret of 32+ random bytes ` +
        '(e.g. `openssl rand -hex 32`), kept apart from the database',
    );
  }
  return { keys: parseErasureKeys(config.ERASURE_SECRET, config.ERASURE_SECRET_PREVIOUS), development: false };
}
