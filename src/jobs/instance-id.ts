/**
 * The name a process holds analyses under (the `owner` of their leases): host, pid and a
 * random suffix, so a restarted process with a reused pid is never taken for its predecessor.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

export function instanceId(role: 'api' | 'worker'): string {
  return `${role}:${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
