/**
 * Aim Louvain's resolution at a niche-size band instead of guessing gamma.
 *
 * [References]: the resolution parameter of modularity (J. Reichardt & S. Bornholdt,
 * PRE 74, 016110, 2006; R. Lambiotte, J.-C. Delvenne, M. Barahona, 2008) sets the scale
 * of the communities found, and at gamma = 1 small ones merge (S. Fortunato & M.
 * Barthelemy, PNAS 104, 2007). Larger gamma gives smaller communities.
 *
 * The typical niche size of a partition is the size of the niche the median connected
 * account sits in (an account-weighted median, so a crowd of tiny leftovers does not
 * pull it down). It falls as gamma grows, so a bisection on log(gamma) between
 * `minResolution` and `maxResolution` looks for the gamma whose typical size is the
 * geometric middle of the band sqrt(min * max); each probe is one seeded Louvain run.
 */
import { louvainLabels } from './communities.js';
import type { Csr } from './compact-graph.js';
import { createRng } from './random.js';

export const DEFAULTS = {
  minResolution: 0.05,
  maxResolution: 50,
  probes: 14,
};

export interface SizeBand {
  min: number;
  max: number;
}

export interface BandChoice {
  resolution: number;
  /** Typical niche size at that resolution (see the module doc). */
  typicalSize: number;
  probes: number;
}

const PREFIX = 'nichegraph/analysis/resolution-band';

/** Size of the niche of the median account, over accounts with at least `minTies` ties (distinct neighbours). */
export function typicalNicheSize(community: Int32Array, count: number, csr: Csr, minTies = 1): number {
  const size = new Int32Array(count);
  for (let i = 0; i < community.length; i++) size[community[i] as number] = (size[community[i] as number] as number) + 1;
  const sizes: number[] = [];
  for (let i = 0; i < community.length; i++) {
    if ((csr.offsets[i + 1] as number) - (csr.offsets[i] as number) >= minTies) sizes.push(size[community[i] as number] as number);
  }
  if (sizes.length === 0) return 0;
  sizes.sort((a, b) => a - b);
  return sizes[Math.floor((sizes.length - 1) / 2)] as number;
}

export function resolutionForBand(order: number, csr: Csr, band: SizeBand, seed: number): BandChoice {
  if (!(Number.isFinite(band.min) && Number.isFinite(band.max) && band.min >= 1 && band.max >= band.min)) {
    throw new RangeError(`${PREFIX}: the band must satisfy 1 <= min <= max, got ${String(band.min)}..${String(band.max)}.`);
  }
  const target = Math.sqrt(band.min * band.max);
  const probe = (gamma: number): number => {
    const { community, count } = louvainLabels(order, csr, gamma, createRng(seed));
    return typicalNicheSize(community, count, csr);
  };
  let lo = Math.log(DEFAULTS.minResolution);
  let hi = Math.log(DEFAULTS.maxResolution);
  let best = { resolution: 1, typicalSize: probe(1), probes: 1 };
  let probes = 1;
  let bestGap = Math.abs(Math.log(Math.max(best.typicalSize, 1) / target));
  for (let k = 0; k < DEFAULTS.probes; k++) {
    const mid = (lo + hi) / 2;
    const gamma = Math.exp(mid);
    const size = probe(gamma);
    probes++;
    const gap = Math.abs(Math.log(Math.max(size, 1) / target));
    if (gap < bestGap) {
      bestGap = gap;
      best = { resolution: gamma, typicalSize: size, probes };
    }
    if (size > target) lo = mid;
    else hi = mid;
  }
  return { ...best, probes };
}
