/**
 * Interaction timestamps: ISO 8601 date-times with an explicit zone, or epoch milliseconds.
 * A date-time without a zone is refused: its instant would depend on the server's zone.
 */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})$/;

/**
 * Latest instant accepted: 9999-12-31T23:59:59.999Z. Later ones (a JS Date holds up to year
 * 275760) have no RFC 3339 form: their ISO string is '+010000-...', which the answers'
 * `date-time` fields cannot carry (the contract test found the 500 this caused).
 */
export const MAX_EPOCH_MS = 253_402_300_799_999;

/** Epoch milliseconds, or null when the value is not a valid timestamp. */
export function parseTimestamp(value: string | number): number | null {
  if (typeof value === 'number') {
    return Number.isInteger(value) && value >= 0 && value <= MAX_EPOCH_MS ? value : null;
  }
  // A client (or a query string) may send epoch milliseconds as digits.
  if (/^\d{1,16}$/.test(value)) return parseTimestamp(Number(value));
  if (!ISO_DATE_TIME.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}
