/**
 * Colours of niches and communities, shared by the explorer page and the GEXF export.
 *
 * Paul Tol's "muted" qualitative scheme (P. Tol, "Colour Schemes", SRON technical note
 * SRON/EPS/TN/09-002, 2021): nine colours told apart by people with any of the common
 * colour-vision deficiencies, and its pale grey for "no data" (here: in no niche). More
 * groups than colours reuse them in order; the page also writes ids on the map and in
 * the cards, so colour is never the only cue.
 */
export const MUTED = ['#CC6677', '#332288', '#DDCC77', '#117733', '#88CCEE', '#882255', '#44AA99', '#999933', '#AA4499'] as const;

/** Pale grey: accounts in no niche. */
export const NO_GROUP = '#DDDDDD';

/** Colour of group number `index` (niche or community rank); negative = no group. */
export function groupColour(index: number): string {
  if (!Number.isInteger(index) || index < 0) return NO_GROUP;
  return MUTED[index % MUTED.length] as string;
}

/** Rank of a niche id "n12" -> 12; anything else (e.g. "unassigned") -> -1. */
export function nicheRank(nicheId: string): number {
  const m = /^n(\d+)$/.exec(nicheId);
  return m ? Number(m[1]) : -1;
}

/** "#RRGGBB" -> [r, g, b]. */
export function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
