/**
 * Seeded pseudo-random numbers.
 *
 * [Reference]: Mulberry32, a 32-bit state generator by Tommy Ettinger (2017), public
 * domain; it passes gjrand and PractRand to 2^32 outputs, which is ample for shuffling
 * Louvain's visit order. Every randomised step of the analysis takes an injected
 * `rng` built here, so the same seed gives the same result.
 */

/** A function returning uniformly distributed numbers in [0, 1). */
export type Rng = () => number;

/**
 * Builds a generator from an integer seed (any safe integer, negative included: the
 * high 32 bits are folded into the state so that seeds 1 and 2^32 + 1 differ).
 */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`nichegraph/analysis/random: the seed must be a safe integer, got ${String(seed)}.`);
  }
  const low = seed >>> 0; // two's complement low 32 bits (also for negatives)
  const high = Math.floor(seed / 0x1_0000_0000) >>> 0;
  let state = (low ^ Math.imul(high, 0x9e3779b9)) | 0;

  return function mulberry32(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
