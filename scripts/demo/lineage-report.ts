/**
 * The demo's lineage step in words (issue 12 item 8): what two analyses of successive
 * windows say about each other's niches, and where the planted evolving niche went. Pure:
 * the demo fetches, this formats (test/scripts/demo-lineage.test.ts).
 */
import type { AnalysisLineageView, ComparisonView, LineageEvent, NicheView } from './api.js';
import { formatFixed, formatInt } from './format.js';

const EVENTS: ReadonlyArray<LineageEvent | 'dissolved'> = ['continued', 'grown', 'shrunk', 'split', 'merged', 'born', 'dissolved'];

/** "continued 12, grown 1, split 2, dissolved 1" (events with a count of 0 left out). */
export function eventCounts(events: Record<LineageEvent | 'dissolved', number>): string {
  const parts = EVENTS.filter((e) => (events[e] ?? 0) > 0).map((e) => `${e} ${formatInt(events[e])}`);
  return parts.length > 0 ? parts.join(', ') : 'no niches';
}

/** One analysis' lineage summary: its baseline and the events. */
export function lineageSummary(label: string, analysisId: string, lineage: AnalysisLineageView | undefined): string {
  if (!lineage) return `${label} ${analysisId}: no baseline (every niche got a new id).`;
  return `${label} ${analysisId}: baseline ${lineage.baselineAnalysisId}; ${eventCounts(lineage.events)}.`;
}

/** A niche and where it comes from: "n41 (40 members): born" or "n41 (20): split from n17 (J 0.50), kept its id". */
export function nicheLine(niche: NicheView): string {
  const head = `${niche.id} (${formatInt(niche.size)} members)`;
  const l = niche.lineage;
  if (!l) return `${head}: no lineage`;
  if (l.from.length === 0) return `${head}: ${l.event} (relates to no baseline niche; a new id)`;
  const from = l.from.map((f) => `${f.nicheId} (Jaccard ${formatFixed(f.jaccard, 2)})`).join(', ');
  const kept = l.from.some((f) => f.nicheId === niche.id) ? 'kept its id' : 'a new id';
  return `${head}: ${l.event} from ${from}, ${kept}`;
}

/** The niches (by id) the planted accounts are in, largest share first, as lines. */
export function plantedNicheLines(label: string, nicheOf: ReadonlyMap<string, string>, niches: readonly NicheView[]): string[] {
  const count = new Map<string, number>();
  for (const id of nicheOf.values()) count.set(id, (count.get(id) ?? 0) + 1);
  const byId = new Map(niches.map((n) => [n.id, n]));
  const ids = [...count.keys()].sort((a, b) => (count.get(b) as number) - (count.get(a) as number) || (a < b ? -1 : 1));
  return [
    `${label}: its ${formatInt(nicheOf.size)} accounts are in ${ids.length} niche${ids.length === 1 ? '' : 's'}:`,
    ...ids.map((id) => {
      const niche = byId.get(id);
      const share = `${formatInt(count.get(id) as number)} of them`;
      return `  ${niche ? nicheLine(niche) : id}; ${share}`;
    }),
  ];
}

/** The comparison of the two windows in two or three lines. */
export function comparisonLines(c: ComparisonView): string[] {
  const move = (m: ComparisonView['rose'][number]) => `${m.accountId} (#${formatInt(m.before.rank)} -> #${formatInt(m.after.rank)})`;
  return [
    `Compare ${c.before.analysisId} -> ${c.after.analysisId}: ${formatInt(c.accounts.changedNiche)} of ${formatInt(c.accounts.inBoth)} accounts ` +
      `in both changed niche, ${formatInt(c.accounts.joined)} joined, ${formatInt(c.accounts.left)} left; ${eventCounts(c.events)}.`,
    `  Trust rank rose most: ${c.rose.map(move).join(', ') || 'none'}; fell most: ${c.fell.map(move).join(', ') || 'none'}.`,
  ];
}
