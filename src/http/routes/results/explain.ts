/**
 * One readable sentence on why an account has its trust score: the product of its
 * components (src/analysis/trust.ts), its role and its strongest reciprocal ties.
 */
import type { MemberRow } from '../../../store/port.js';

const f = (x: number, digits = 2): string => x.toFixed(digits);

export function explainScore(m: MemberRow, unassigned: boolean): string {
  const parts = [
    `score ${f(m.score)} = centrality ${f(m.centrality)} (within-niche PageRank, 1 = niche average)`,
    `x ties ${f(m.ties)} (reciprocity ${f(m.reciprocity)}, repeat ${f(m.repeat)}, embeddedness ${f(m.embeddedness)})`,
    `x positive share ${f(m.positiveShare)}`,
  ];
  const role =
    m.role === 'broadcaster'
      ? 'broadcaster: a large audience it rarely answers, so never listed as trusted'
      : `${m.role} (z ${f(m.withinDegreeZ, 1)}, participation ${f(m.participation)})`;
  const ties =
    m.topTies.length === 0
      ? 'no reciprocal tie'
      : `strongest reciprocal ties: ${m.topTies.map((t) => `${t.accountId}${t.sameNiche ? '' : ' (other niche)'}`).join(', ')}`;
  const group = unassigned ? 'in no niche (its group is below minNicheSize); ' : '';
  return `${group}${parts.join(' ')}; ${role}; in its niche in ${Math.round(m.confidence * 100)}% of runs; ${ties}.`;
}
