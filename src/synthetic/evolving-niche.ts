/**
 * A planted niche that splits between two time windows, for the demo's lineage (issue 12
 * item 8) and its tests.
 *
 * `size` accounts "evo-000" .. form one niche in the first window (everyone replies to
 * everyone: a clique, which modularity keeps whole) and two niches in the second (its
 * first and second halves talk only among themselves). A few replies in each
 * window tie it to `anchors` (accounts of the host graph), so that it is part of the same
 * graph without being absorbed by it. Pure and seeded: the same options give the same
 * interactions.
 */
import { createRng } from '../analysis/random.js';
import type { SyntheticInteraction } from './conversation-graph.js';

export interface EvolvingNicheOptions {
  seed?: number;
  /** Members of the niche (split in two halves in the second window). */
  size?: number;
  /** ISO 8601 start of the first window; the second follows it. */
  start?: string;
  /** Length of each window, in days. */
  days?: number;
  /** Replies each way per pair of members who talk in a window. */
  repliesPerPair?: number;
  /** Accounts of the host graph the niche exchanges a few replies with. */
  anchors?: readonly string[];
}

export interface EvolvingNiche {
  accounts: string[];
  /** First window: one niche. */
  before: { from: string; to: string; interactions: SyntheticInteraction[] };
  /** Second window: the two halves. */
  after: { from: string; to: string; interactions: SyntheticInteraction[] };
  halves: [string[], string[]];
}

export const DEFAULTS = { seed: 12, size: 40, start: '2024-05-01T00:00:00.000Z', days: 30, repliesPerPair: 1 };

const DAY = 86_400_000;

export function generateEvolvingNiche(options: EvolvingNicheOptions = {}): EvolvingNiche {
  const seed = options.seed ?? DEFAULTS.seed;
  const size = options.size ?? DEFAULTS.size;
  const days = options.days ?? DEFAULTS.days;
  const per = options.repliesPerPair ?? DEFAULTS.repliesPerPair;
  const start = Date.parse(options.start ?? DEFAULTS.start);
  if (!Number.isInteger(size) || size < 6) throw new RangeError('nichegraph/synthetic/evolving-niche: size must be an integer >= 6.');
  if (!Number.isFinite(start)) throw new RangeError('nichegraph/synthetic/evolving-niche: start must be an ISO 8601 date-time.');
  const rng = createRng(seed);
  const accounts = Array.from({ length: size }, (_, i) => `evo-${String(i).padStart(3, '0')}`);
  const half = Math.floor(size / 2);
  const halves: [string[], string[]] = [accounts.slice(0, half), accounts.slice(half)];
  const anchors = options.anchors ?? [];

  const windowOf = (w: 0 | 1, groups: string[][]): SyntheticInteraction[] => {
    const from = start + w * days * DAY;
    const out: SyntheticInteraction[] = [];
    const at = () => new Date(from + Math.floor(rng() * days * DAY)).toISOString();
    for (const group of groups) {
      // Everyone talks with everyone in the group, both ways (a circle, not an audience),
      // `repliesPerPair` times each way.
      for (let i = 0; i < group.length; i++) {
        for (let j = i + 1; j < group.length; j++) {
          for (let k = 0; k < per; k++) {
            out.push({ id: '', source: group[i] as string, target: group[j] as string, type: 'reply', weight: 1, timestamp: at() });
            out.push({ id: '', source: group[j] as string, target: group[i] as string, type: 'reply', weight: 1, timestamp: at() });
          }
        }
      }
    }
    for (let k = 0; k < Math.min(anchors.length, 3); k++) {
      const source = accounts[Math.floor(rng() * size)] as string;
      out.push({ id: '', source, target: anchors[k] as string, type: 'mention', weight: 1, timestamp: at() });
    }
    out.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
    out.forEach((e, i) => (e.id = `evo-w${w + 1}-${String(i + 1).padStart(6, '0')}`));
    return out;
  };
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    accounts,
    before: { from: iso(start), to: iso(start + days * DAY), interactions: windowOf(0, [accounts]) },
    after: { from: iso(start + days * DAY), to: iso(start + 2 * days * DAY), interactions: windowOf(1, halves) },
    halves,
  };
}
