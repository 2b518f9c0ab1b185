/**
 * The rules of an interaction batch that a JSON schema cannot say (non-zero weight, a
 * parseable timestamp, no self-interaction, no reserved property name), checked for
 * every item at once, and the batch turned into store inputs. Nothing of a batch is
 * stored unless all of it is valid. Self-interactions are rejected: a loop says nothing
 * about how others treat an account.
 */
import { ValidationFailure, type FieldError } from '../../../errors.js';
import type { AccountInput, InteractionInput } from '../../../store/port.js';
import { parseTimestamp } from '../../timestamps.js';
import type { IngestBody } from './schemas.js';

const RESERVED_PROPERTIES = new Set(['id', 'graphId']);

/** Checks what the schema cannot, and turns the batch into store inputs. */
export function toStoreBatch(body: IngestBody): { interactions: InteractionInput[]; accounts: AccountInput[] } {
  const errors: FieldError[] = [];
  const fail = (array: string, index: number, key: string, message: string) =>
    errors.push({ in: 'body', pointer: `/${array}/${index}/${key}`, index, field: `${array}[${index}].${key}`, message });

  const interactions: InteractionInput[] = new Array(body.interactions.length);
  body.interactions.forEach((it, i) => {
    const weight = it.weight ?? 1;
    if (!Number.isFinite(weight) || weight === 0) fail('interactions', i, 'weight', 'must be a finite, non-zero number');
    if (it.source === it.target) fail('interactions', i, 'target', 'must differ from source (self-interactions are rejected)');
    let timestamp: number | null = null;
    if (it.timestamp !== undefined) {
      timestamp = parseTimestamp(it.timestamp);
      if (timestamp === null) {
        fail('interactions', i, 'timestamp', 'must be an ISO 8601 date-time with a time zone, or epoch milliseconds');
      }
    }
    interactions[i] = { id: it.id ?? null, source: it.source, target: it.target, type: it.type ?? 'interaction', weight, timestamp };
  });

  const accounts: AccountInput[] = (body.accounts ?? []).map((a, i) => {
    const properties = a.properties ?? {};
    for (const key of Object.keys(properties)) {
      if (RESERVED_PROPERTIES.has(key)) fail('accounts', i, `properties/${key}`, 'is a reserved property name');
    }
    return { id: a.id, properties };
  });

  if (errors.length > 0) throw new ValidationFailure(errors);
  return { interactions, accounts };
}
