/** Number and duration formatting shared by the demo's console output. */

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 12345 -> "12,345". */
export function formatInt(n: number): string {
  return integer.format(n);
}

/** A ratio as a whole percentage: 0.953 -> "95%". */
export function formatPercent(ratio: number): string {
  return Number.isFinite(ratio) ? `${Math.round(ratio * 100)}%` : '-';
}

/** A fixed number of decimals, "-" when not finite. */
export function formatFixed(n: number, digits: number): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}

/** Milliseconds as "850 ms", "12.3 s" or "2 min 05 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Items per second: "8,421/s". */
export function formatRate(items: number, ms: number): string {
  return ms > 0 ? `${formatInt((items * 1000) / ms)}/s` : '-';
}
