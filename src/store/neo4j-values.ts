/**
 * Value conversions at the Neo4j boundary, shared by the store modules.
 *
 * Every integer read from Neo4j goes through toNumber() so the store works whatever the
 * driver's disableLosslessIntegers setting; integers sent as parameters (SKIP/LIMIT,
 * sizes, ranks, timestamps) are wrapped with int() (neo4j.int).
 */
import neo4j, { type QueryResult, type RecordShape } from 'neo4j-driver';

/** A parameter or result row as the driver takes and gives it. */
export type Row = Record<string, unknown>;

/** neo4j Integer | bigint | number -> number (null/undefined -> null). */
export function toNumberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (neo4j.isInt(value)) return value.toNumber();
  throw new TypeError(`store/neo4j-store: expected a number, got ${typeof value}`);
}

export function toNumber(value: unknown): number {
  const n = toNumberOrNull(value);
  if (n === null) throw new TypeError('store/neo4j-store: expected a number, got null');
  return n;
}

export function str(value: unknown): string {
  if (typeof value !== 'string') throw new TypeError(`store/neo4j-store: expected a string, got ${typeof value}`);
  return value;
}

export function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : str(value);
}

export function int(n: number) {
  return neo4j.int(Math.trunc(n));
}

export function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export function firstRecord<R extends RecordShape>(result: QueryResult<R>) {
  return result.records[0];
}

const CONSTRAINT_FAILED = 'Neo.ClientError.Schema.ConstraintValidationFailed';

export function errorCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

export function isConstraintViolation(err: unknown): boolean {
  return errorCode(err) === CONSTRAINT_FAILED;
}
