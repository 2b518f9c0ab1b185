/** Ties blocks as version 1 of src/store/result-blocks.ts wrote them (before the reciprocated weight was kept). */
import { deflateRawSync } from 'node:zlib';

/** Header [1, n], then weight (Float64), source and target (Int32), each part on a multiple of 8 bytes; raw DEFLATE. */
export function versionOneTieBlock(source: ArrayLike<number>, target: ArrayLike<number>, weight: ArrayLike<number>): Int8Array {
  const n = source.length;
  const pad = (x: number) => (x + 7) & ~7;
  const at = [8, 8 + pad(8 * n), 8 + pad(8 * n) + pad(4 * n)] as const;
  const buffer = new ArrayBuffer(at[2] + pad(4 * n));
  new Int32Array(buffer, 0, 2).set([1, n]);
  new Float64Array(buffer, at[0], n).set(Array.from(weight));
  new Int32Array(buffer, at[1], n).set(Array.from(source));
  new Int32Array(buffer, at[2], n).set(Array.from(target));
  const packed = deflateRawSync(new Uint8Array(buffer));
  return new Int8Array(packed.buffer, packed.byteOffset, packed.byteLength);
}
