/**
 * Time decay of interactions: an event of age `a` weighs 2^(-a / halfLife).
 *
 * [Reference]: exponential forgetting of old evidence, as in the beta reputation system
 * (A. Josang & R. Ismail, "The Beta Reputation System", 15th Bled eConference, 2002) and
 * in time-decayed link prediction; the half-life is the user's statement of how fast
 * the past stops counting ("P30D": a month-old reply weighs half of today's).
 *
 * Age is measured from a reference time: the analysis' `to` when given, else the latest
 * interaction of the projection. An event at or after the reference has age 0 (weight
 * unchanged). Durations are ISO 8601 (`PnYnMnWnDTnHnMnS`, e.g. "P30D", "PT12H", "P1Y6M",
 * "P2W"); years and months have no fixed length, so they count as the mean Gregorian year
 * (365.2425 days) and a twelfth of it, which is what a half-life needs (a rate, not a
 * calendar date).
 */
const PREFIX = 'nichegraph/analysis/time-decay';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.2425 * DAY;
const MONTH = YEAR / 12;
const WEEK = 7 * DAY;

/** Longest half-life accepted: 1,000 years (beyond that, decay is a no-op in practice). */
export const MAX_HALF_LIFE_MS = 1000 * YEAR;

const NUMBER = '(\\d+(?:[.,]\\d+)?)';
const DURATION = new RegExp(`^P(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`);

/**
 * Milliseconds of an ISO 8601 duration, or null when `text` is not one, is zero, or
 * exceeds MAX_HALF_LIFE_MS. Decimal fractions (with "." or ",") are accepted on any part.
 */
export function parseDuration(text: string): number | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const match = DURATION.exec(text);
  if (match === null || text.endsWith('T') || text === 'P') return null;
  const units = [YEAR, MONTH, WEEK, DAY, HOUR, MINUTE, SECOND];
  let ms = 0;
  let parts = 0;
  for (let k = 0; k < units.length; k++) {
    const part = match[k + 1];
    if (part === undefined) continue;
    parts++;
    ms += Number(part.replace(',', '.')) * (units[k] as number);
  }
  if (parts === 0 || !(ms > 0) || ms > MAX_HALF_LIFE_MS) return null;
  return ms;
}

/** Weight multiplier of an event at `timestamp` (ms) seen from `reference` (ms): 2^(-age / halfLife), age >= 0. */
export function decayFactor(timestamp: number, reference: number, halfLifeMs: number): number {
  if (!(halfLifeMs > 0)) throw new RangeError(`${PREFIX}: halfLifeMs must be > 0, got ${String(halfLifeMs)}.`);
  const age = reference - timestamp;
  return age > 0 ? Math.pow(2, -age / halfLifeMs) : 1;
}
