/**
 * The demo's result as console text: one table row per found niche (size, density,
 * conductance, the planted niche it matches, its trusted members with their scores and
 * whether the planted trusted members made its top-K), then the overall lines.
 */
import type { PlantedTruth } from '../../src/synthetic/conversation-graph.js';
import { formatFixed, formatInt, formatPercent } from './format.js';
import type { CommunityLevel, Comparison, RankedAccount } from './matching.js';
import { renderTable, type Column } from './table.js';

export interface ReportOptions {
  /** The analysis's topK (for the headings). */
  topK: number;
  /** Niches smaller than this are counted, not listed. */
  minSize?: number;
  /** At most this many rows. */
  maxRows?: number;
}

const MARK_TRUSTED = '*';
const MARK_BROADCASTER = '!';
const MARK_TROLL = '~';

function marker(planted: PlantedTruth): (accountId: string) => string {
  const trusted = new Set(planted.niches.flatMap((n) => n.trusted));
  const broadcasters = new Set(planted.broadcasters);
  const trolls = new Set(planted.trolls);
  return (a) => (trusted.has(a) ? MARK_TRUSTED : broadcasters.has(a) ? MARK_BROADCASTER : trolls.has(a) ? MARK_TROLL : '');
}

/** The niche table; smaller niches and rows past maxRows are summarised on a last line. */
export function nicheTable(comparison: Comparison, planted: PlantedTruth, options: ReportOptions): string[] {
  const minSize = options.minSize ?? 3;
  const maxRows = options.maxRows ?? 100;
  const mark = marker(planted);
  const columns: Column[] = [
    { header: 'niche' },
    { header: 'size', align: 'right' },
    { header: 'density', align: 'right' },
    { header: 'conduct.', align: 'right' },
    { header: 'planted' },
    { header: 'purity', align: 'right' },
    { header: 'holds', align: 'right' },
    { header: `in top-${options.topK}`, align: 'right' },
    { header: `trusted, best first (${MARK_TRUSTED} planted trusted, ${MARK_BROADCASTER} broadcaster, ${MARK_TROLL} troll)` },
  ];
  const shown = comparison.niches.filter((c) => c.niche.size >= minSize).slice(0, maxRows);
  const rows = shown.map((c) => [
    c.niche.id,
    formatInt(c.niche.size),
    formatFixed(c.niche.density, 3),
    formatFixed(c.niche.conductance, 3),
    c.match?.plantedId ?? '-',
    c.match ? formatPercent(c.match.precision) : '-',
    c.match ? formatPercent(c.match.recall) : '-',
    c.plantedTrusted.length > 0 ? `${c.plantedTrustedFound.length}/${c.plantedTrusted.length}` : '-',
    c.niche.trusted.map((t) => `${t.accountId}${mark(t.accountId)} ${formatFixed(t.score, 3)}`).join('  '),
  ]);
  const lines = renderTable(columns, rows);
  const hidden = comparison.niches.length - shown.length;
  if (hidden > 0) {
    const accounts = comparison.niches.filter((c) => !shown.includes(c)).reduce((s, c) => s + c.niche.size, 0);
    lines.push(`(${formatInt(hidden)} more niches with ${formatInt(accounts)} accounts in all not listed)`);
  }
  lines.push(
    'planted = the planted niche most of its members come from; purity = their share of the niche; ' +
      'holds = the share of that planted niche inside this niche;',
    `in top-${options.topK} = that planted niche's trusted members found in this niche's top-${options.topK}.`,
  );
  return lines;
}

function listRanked(ranked: RankedAccount[], limit = 6): string {
  const shown = ranked.slice(0, limit).map((r) => `${r.accountId} (#${r.rank} in ${r.nicheId})`);
  return shown.join(', ') + (ranked.length > limit ? `, ... ${ranked.length - limit} more` : '');
}

/** The overall lines under the table. */
export function overallLines(comparison: Comparison, planted: PlantedTruth, options: ReportOptions): string[] {
  const lines: string[] = [];
  lines.push(
    `NMI(planted niches, found niches) = ${formatFixed(comparison.nmi, 3)} over ${formatInt(comparison.nmiAccounts)} ` +
      `niche members (broadcasters left out; 1 = identical partitions).`,
  );
  const planned = planted.niches.length;
  const missedNiches = comparison.plantedNotRecovered;
  lines.push(
    `Planted niches recovered (a found niche mostly made of them holds at least half of them): ${planned - missedNiches.length} of ${planned}` +
      (missedNiches.length > 0 ? ` (not: ${missedNiches.slice(0, 12).join(', ')}${missedNiches.length > 12 ? ', ...' : ''})` : '') +
      '.',
  );
  const ratio = comparison.trustedTotal > 0 ? comparison.trustedFound / comparison.trustedTotal : Number.NaN;
  lines.push(
    `Planted trusted members in the top-${options.topK} of the niche they landed in: ` +
      `${comparison.trustedFound} of ${comparison.trustedTotal} (${formatPercent(ratio)}).`,
  );
  if (comparison.trustedMissed.length > 0) {
    const shown = comparison.trustedMissed
      .slice(0, 8)
      .map((m) => `${m.accountId} (planted ${m.plantedId}, ${m.nicheId === null ? 'in no niche' : `in ${m.nicheId}`})`);
    const more = comparison.trustedMissed.length > 8 ? `, ... ${comparison.trustedMissed.length - 8} more` : '';
    lines.push(`  missed: ${shown.join(', ')}${more}`);
  }
  const b = comparison.broadcastersTrusted;
  lines.push(
    b.length === 0
      ? `Broadcasters ranked as trusted: none of ${planted.broadcasters.length} (good: a big audience without reciprocal ties is not trust).`
      : `Broadcasters ranked as trusted: ${new Set(b.map((r) => r.accountId)).size} of ${planted.broadcasters.length}: ${listRanked(b)}.`,
  );
  const t = comparison.trollsTrusted;
  lines.push(
    t.length === 0
      ? `Trolls (many negative ratings) ranked as trusted: none of ${planted.trolls.length}.`
      : `Trolls (many negative ratings) ranked as trusted: ${new Set(t.map((r) => r.accountId)).size} of ${planted.trolls.length}: ${listRanked(t)}.`,
  );
  return lines;
}

/**
 * The community level: one row per community (size, niches, density, conductance, the
 * planted community it matches), then how well both levels nest, with the two modularities.
 */
export function communityLines(level: CommunityLevel, planted: PlantedTruth, modularity: { communities?: number; niches?: number }, maxRows = 20): string[] {
  const columns: Column[] = [
    { header: 'community' },
    { header: 'size', align: 'right' },
    { header: 'niches', align: 'right' },
    { header: 'unassigned', align: 'right' },
    { header: 'density', align: 'right' },
    { header: 'conduct.', align: 'right' },
    { header: 'planted' },
    { header: 'purity', align: 'right' },
    { header: 'holds', align: 'right' },
    { header: 'largest niches' },
  ];
  const shown = level.communities.slice(0, maxRows);
  const rows = shown.map(({ community: c, match }) => [
    c.id,
    formatInt(c.size),
    formatInt(c.niches.length),
    formatInt(c.unassigned),
    formatFixed(c.density, 4),
    formatFixed(c.conductance, 3),
    match?.plantedId ?? '-',
    match ? formatPercent(match.precision) : '-',
    match ? formatPercent(match.recall) : '-',
    c.niches.slice(0, 6).join(' ') + (c.niches.length > 6 ? ' ...' : ''),
  ]);
  const lines = renderTable(columns, rows);
  if (level.communities.length > shown.length) lines.push(`(${formatInt(level.communities.length - shown.length)} more communities not listed)`);
  const q = (x: number | undefined): string => (x === undefined ? '-' : formatFixed(x, 3));
  const planned = planted.communities.length;
  const missed = level.plantedNotRecovered;
  lines.push(
    `Communities: ${formatInt(level.communities.length)} (modularity ${q(modularity.communities)}; niches: ${q(modularity.niches)}). ` +
      `NMI(planted communities, found communities) = ${formatFixed(level.nmi, 3)} over ${formatInt(level.nmiAccounts)} members.`,
    `Planted communities recovered: ${planned - missed.length} of ${planned}` +
      (missed.length > 0 ? ` (not: ${missed.slice(0, 12).join(', ')}${missed.length > 12 ? ', ...' : ''})` : '') +
      `; niches nested in their community's planted community: ${formatInt(level.nestedNiches)} of ${formatInt(level.niches)}.`,
  );
  return lines;
}
