/**
 * API_KEYS: entries `<scope>:<sha256 hex of the key>[:<graph>|<graph>...]`, several at once
 * so that a key can be rotated without downtime. Only hashes are configured; a key is
 * named in logs by its `id`, the first 12 hex digits of its hash. The auth plugin
 * (plugins/app/auth.ts) checks requests against them; src/server.ts asks authMode()
 * whether the service may start at all.
 */
import { createHash } from 'node:crypto';

export type Scope = 'read' | 'write' | 'admin';
export const SCOPE_RANK: Record<Scope, number> = { read: 1, write: 2, admin: 3 };

export interface Principal {
  /** First 12 hex digits of the key's hash ("anonymous" when auth is off): safe to log. */
  id: string;
  scope: Scope;
  /** Graph allow-list; null = every graph. */
  graphs: ReadonlySet<string> | null;
}

export interface KeyEntry extends Principal {
  hash: Buffer;
}

const GRAPH_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Parses API_KEYS; throws naming the offending entry by position (never echoing it). */
export function parseApiKeys(value: string): KeyEntry[] {
  const entries = value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
  return entries.map((entry, i) => {
    const [scope, hash, graphs, ...rest] = entry.split(':');
    const where = `API_KEYS entry #${i + 1}`;
    if (scope !== 'read' && scope !== 'write' && scope !== 'admin') {
      throw new Error(`${where}: scope must be read, write or admin`);
    }
    if (hash === undefined || !/^[0-9a-fA-F]{64}$/.test(hash)) {
      throw new Error(`${where}: expected the 64 hex digits of the key's SHA-256 after the scope`);
    }
    if (rest.length > 0) throw new Error(`${where}: too many ':'-separated parts`);
    let allowed: Set<string> | null = null;
    if (graphs !== undefined) {
      const ids = graphs.split('|').filter((g) => g !== '');
      const bad = ids.find((g) => !GRAPH_ID.test(g));
      if (ids.length === 0 || bad !== undefined) throw new Error(`${where}: graph allow-list must be graph ids separated by |`);
      allowed = new Set(ids);
    }
    const lower = hash.toLowerCase();
    return { id: lower.slice(0, 12), scope, graphs: allowed, hash: Buffer.from(lower, 'hex') };
  });
}

export function sha256Hex(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export type AuthMode = { enabled: true; keys: number } | { enabled: false; reason: string };

/**
 * Whether the service may start with this configuration. Without API_KEYS it is open
 * only on a loopback address, or anywhere with AUTH_DISABLED=true; otherwise it throws.
 */
export function authMode(config: { API_KEYS: string; AUTH_DISABLED: boolean; HOST: string }): AuthMode {
  const keys = parseApiKeys(config.API_KEYS);
  if (keys.length > 0) return { enabled: true, keys: keys.length };
  if (isLoopbackHost(config.HOST)) {
    return { enabled: false, reason: `API_KEYS is unset and HOST ${config.HOST} is a loopback address: the API is open to local callers only` };
  }
  if (config.AUTH_DISABLED) {
    return { enabled: false, reason: `API_KEYS is unset and AUTH_DISABLED=true: the API on ${config.HOST} is open to anyone who can reach it` };
  }
  throw new Error(
    `API_KEYS is unset but HOST ${config.HOST} is not a loopback address; set API_KEYS, bind to 127.0.0.1, ` +
      'or set AUTH_DISABLED=true if a trusted proxy authenticates callers',
  );
}
