/**
 * Agreement between two partitions of the same items (e.g. niches vs departments).
 *
 * [References]:
 * - NMI: A. Strehl & J. Ghosh, "Cluster ensembles", JMLR 3 (2002); with the arithmetic
 *   mean of the entropies as normaliser, I(X;Y) / ((H(X) + H(Y)) / 2), as in L. Danon,
 *   A. Diaz-Guilera, J. Duch, A. Arenas, "Comparing community structure identification",
 *   J. Stat. Mech. (2005) P09008, in scikit-learn's default and in igraph's "nmi".
 * - ARI: L. Hubert & P. Arabie, "Comparing partitions", J. Classification 2 (1985).
 *
 * Labels may be numbers or strings; only equality matters. When both partitions are
 * trivial in the same way (a single cluster each, or all singletons for ARI), the
 * normaliser is 0 and both measures return 1, as scikit-learn does.
 */
export type Labels = ArrayLike<number | string>;

const PREFIX = 'nichegraph/analysis/partition-similarity';

interface Contingency {
  n: number;
  /** Cluster sizes in a and in b. */
  rows: number[];
  cols: number[];
  /** Non-zero cell counts. */
  cells: number[];
}

function contingency(a: Labels, b: Labels): Contingency {
  if (a.length !== b.length) throw new RangeError(`${PREFIX}: the labelings have different lengths (${a.length} and ${b.length}).`);
  const n = a.length;
  const codeA = new Map<number | string, number>();
  const codeB = new Map<number | string, number>();
  const rows: number[] = [];
  const cols: number[] = [];
  const cellIndex = new Map<number, number>();
  const cells: number[] = [];
  // Cell key r * n + c is exact: r, c < n and n^2 stays far below 2^53 for any array.
  for (let i = 0; i < n; i++) {
    const la = a[i] as number | string;
    const lb = b[i] as number | string;
    let r = codeA.get(la);
    if (r === undefined) {
      r = rows.length;
      codeA.set(la, r);
      rows.push(0);
    }
    let c = codeB.get(lb);
    if (c === undefined) {
      c = cols.length;
      codeB.set(lb, c);
      cols.push(0);
    }
    rows[r] = (rows[r] as number) + 1;
    cols[c] = (cols[c] as number) + 1;
    const key = r * n + c;
    const cell = cellIndex.get(key);
    if (cell === undefined) {
      cellIndex.set(key, cells.length);
      cells.push(1);
    } else {
      cells[cell] = (cells[cell] as number) + 1;
    }
  }
  return { n, rows, cols, cells };
}

function entropy(sizes: number[], n: number): number {
  let h = 0;
  for (const s of sizes) {
    const p = s / n;
    h -= p * Math.log(p);
  }
  return h;
}

/** Normalised mutual information, arithmetic normalisation, in [0, 1]. */
export function normalizedMutualInformation(a: Labels, b: Labels): number {
  const { n, rows, cols, cells } = contingency(a, b);
  if (n === 0) return 1;
  const ha = entropy(rows, n);
  const hb = entropy(cols, n);
  if (ha === 0 && hb === 0) return 1;
  // I(X;Y) = H(X) + H(Y) - H(X,Y).
  const joint = entropy(cells, n);
  const mi = Math.max(0, ha + hb - joint);
  return Math.min(1, mi / ((ha + hb) / 2));
}

function pairs(k: number): number {
  return (k * (k - 1)) / 2;
}

/** Adjusted Rand index: 1 for identical partitions, about 0 for independent ones, may be negative. */
export function adjustedRandIndex(a: Labels, b: Labels): number {
  const { n, rows, cols, cells } = contingency(a, b);
  if (n < 2) return 1;
  let sumCells = 0;
  for (const s of cells) sumCells += pairs(s);
  let sumRows = 0;
  for (const s of rows) sumRows += pairs(s);
  let sumCols = 0;
  for (const s of cols) sumCols += pairs(s);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1;
  return (sumCells - expected) / (max - expected);
}
