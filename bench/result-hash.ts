/**
 * A fingerprint of an analysis result, to check that a change to the pipeline leaves every
 * figure as it was, bit for bit: SHA-256 over every field of the result in a fixed order
 * (object keys sorted), typed arrays by their bytes, numbers by their IEEE 754 bits,
 * strings as UTF-8, each value tagged with its kind and length so that no two different
 * results can feed the hash the same bytes.
 */
import { createHash, type Hash } from 'node:crypto';
import type { AnalysisResult } from '../src/analysis/types.js';

function feed(hash: Hash, value: unknown): void {
  if (ArrayBuffer.isView(value)) {
    hash.update(`${value.constructor.name}:${value.byteLength}:`);
    hash.update(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (typeof value === 'number') {
    const bits = new Float64Array([value]);
    hash.update('n:');
    hash.update(new Uint8Array(bits.buffer));
  } else if (typeof value === 'string') {
    hash.update(`s${Buffer.byteLength(value)}:${value}`);
  } else if (typeof value === 'boolean' || value === null || value === undefined) {
    hash.update(`${String(value)};`);
  } else if (Array.isArray(value)) {
    hash.update(`a${value.length}[`);
    for (const v of value) feed(hash, v);
    hash.update(']');
  } else if (typeof value === 'object') {
    const keys = Object.keys(value as object).sort();
    hash.update(`o${keys.length}{`);
    for (const k of keys) {
      hash.update(`${k}=`);
      feed(hash, (value as Record<string, unknown>)[k]);
    }
    hash.update('}');
  } else {
    throw new TypeError(`bench/result-hash: cannot hash a ${typeof value}.`);
  }
}

/** Hex SHA-256 of the whole result (see the module doc). */
export function resultHash(result: AnalysisResult): string {
  const hash = createHash('sha256');
  feed(hash, result);
  return hash.digest('hex');
}
