/**
 * The side panels: niche cards, the account panel and the ambassadors list. Pure
 * rendering from API answers into elements; what a click does is passed in.
 */
import { groupColour, nicheRank } from '../../src/explorer/palette.js';
import type { AccountResult, AmbassadorList, Niche } from './api.js';
import { fmt, h, int, pct } from './dom.js';

export interface PanelActions {
  openAccount: (accountId: string) => void;
  openNiche: (nicheId: string) => void;
  ambassadorsOf: (nicheId: string) => void;
  ambassadorsOfCommunity: (communityId: string) => void;
  /** Fills `slot` with the niche's activity chart by `bucket` (when the card comes into view). */
  activityOf: (nicheId: string, bucket: 'day' | 'week', slot: HTMLElement) => void;
}

/**
 * The place of a niche's activity chart, with its "by week / by day" switch (buttons with
 * aria-pressed, reachable by Tab). The chart is asked for when the card first comes into
 * view (IntersectionObserver; at once where there is none).
 */
function activitySlot(nicheId: string, actions: PanelActions): HTMLElement {
  const slot = h('div', { className: 'activity-slot', 'aria-live': 'polite' }, h('p', { className: 'muted small' }, 'Activity over time…'));
  let bucket: 'day' | 'week' = 'week';
  const buttons = (['week', 'day'] as const).map((b) =>
    h('button', { type: 'button', className: 'toggle', 'aria-pressed': b === bucket ? 'true' : 'false', 'data-bucket': b, onclick: () => choose(b) }, `by ${b}`),
  );
  function choose(b: 'day' | 'week'): void {
    bucket = b;
    for (const button of buttons) button.setAttribute('aria-pressed', button.dataset.bucket === b ? 'true' : 'false');
    actions.activityOf(nicheId, bucket, slot);
  }
  const box = h('div', { className: 'activity-box' }, h('div', { className: 'activity-head' }, h('h4', {}, 'Activity'), h('span', { className: 'toggles', role: 'group', 'aria-label': 'Activity per' }, ...buttons)), slot);
  if (typeof IntersectionObserver === 'undefined') {
    actions.activityOf(nicheId, bucket, slot);
  } else {
    const seen = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      seen.disconnect();
      actions.activityOf(nicheId, bucket, slot);
    });
    seen.observe(box);
  }
  return box;
}

export function swatch(nicheId: string): HTMLElement {
  return h('span', { className: 'swatch', style: `background:${groupColour(nicheRank(nicheId))}`, 'aria-hidden': 'true' });
}

function accountButton(accountId: string, actions: PanelActions, extra?: string): HTMLElement {
  return h('button', { type: 'button', className: 'link', onclick: () => actions.openAccount(accountId), title: `Open account ${accountId}` }, accountId, extra ? h('span', { className: 'muted' }, ` ${extra}`) : null);
}

function figure(label: string, value: string, title: string): HTMLElement {
  return h('div', { className: 'figure', title }, h('span', { className: 'figure-value' }, value), h('span', { className: 'figure-label' }, label));
}

/** A bar of the niche's active period inside the analysis's window [from, to]. */
function activityBar(niche: Niche, window: { from: number; to: number } | null): HTMLElement {
  if (niche.firstActivity === null || niche.lastActivity === null || window === null || window.to <= window.from) {
    return h('p', { className: 'muted small' }, `${int(niche.events)} internal events, no timestamps`);
  }
  const a = Date.parse(niche.firstActivity);
  const b = Date.parse(niche.lastActivity);
  const left = ((a - window.from) / (window.to - window.from)) * 100;
  const width = Math.max(1.5, ((b - a) / (window.to - window.from)) * 100);
  const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
  return h(
    'div',
    { className: 'activity', title: `Active ${day(a)} to ${day(b)}` },
    h('div', { className: 'activity-track', role: 'img', 'aria-label': `active from ${day(a)} to ${day(b)} within the analysed window` }, h('div', { className: 'activity-span', style: `left:${left.toFixed(1)}%;width:${width.toFixed(1)}%` })),
    h('p', { className: 'small' }, `${day(a)} → ${day(b)} · ${int(niche.events)} events · ${fmt(niche.eventsPerDay, 1)}/day`),
  );
}

/** Where the niche comes from in the analysis's baseline (an earlier window): its history. */
function lineageLine(lineage: NonNullable<Niche['lineage']>): HTMLElement {
  const from = lineage.from.map((f) => `${f.nicheId} (Jaccard ${fmt(f.jaccard)})`).join(', ');
  const event = lineage.event === 'born' ? 'born since the baseline' : `${lineage.event} since the baseline${from ? `, from ${from}` : ''}`;
  return h('p', { className: 'small lineage', title: `Relative to the niches of analysis ${lineage.baselineAnalysisId}` }, `History: ${event}.`);
}

export function nicheCard(niche: Niche, communityId: string | undefined, window: { from: number; to: number } | null, actions: PanelActions): HTMLElement {
  const title = niche.unassigned ? 'unassigned (in no niche)' : niche.id;
  return h(
    'article',
    { className: 'card', 'data-niche': niche.id, 'aria-label': `Niche ${title}` },
    h(
      'header',
      { className: 'card-head' },
      swatch(niche.id),
      h('h3', {}, title),
      h('span', { className: 'muted' }, `${int(niche.size)} members${communityId ? ` · community ${communityId}` : ''}`),
    ),
    niche.unassigned
      ? h('p', { className: 'muted small' }, 'Accounts whose group was smaller than minNicheSize.')
      : h(
          'div',
          { className: 'figures' },
          figure('density', fmt(niche.density), 'Internal pairs that interacted / all internal pairs'),
          figure('conductance', fmt(niche.conductance), 'Weight leaving the niche / its volume; lower = more closed'),
          figure('stability', fmt(niche.stability), 'Agreement with its counterpart across runs (1 = every run)'),
          figure('reciprocity', fmt(niche.reciprocity), 'Share of the internal weight that is reciprocated'),
        ),
    niche.dominantTypes.length > 0
      ? h('p', { className: 'types' }, ...niche.dominantTypes.map((t) => h('span', { className: 'chip' }, `${t.type} ${pct(t.share)}`)))
      : null,
    niche.unassigned ? null : activityBar(niche, window),
    niche.unassigned || niche.firstActivity === null ? null : activitySlot(niche.id, actions),
    niche.lineage ? lineageLine(niche.lineage) : null,
    niche.trusted.length > 0
      ? h(
          'div',
          {},
          h('h4', {}, 'Trusted members'),
          h('ol', { className: 'trusted' }, ...niche.trusted.map((m) => h('li', {}, accountButton(m.accountId, actions), h('span', { className: 'score' }, fmt(m.score))))),
        )
      : null,
    niche.unassigned
      ? null
      : h(
          'div',
          { className: 'card-actions' },
          h('button', { type: 'button', onclick: () => actions.openNiche(niche.id) }, 'Show members on map'),
          h('button', { type: 'button', onclick: () => actions.ambassadorsOf(niche.id) }, 'Whom to equip here'),
          niche.communityId !== null
            ? h('button', { type: 'button', onclick: () => actions.ambassadorsOfCommunity(niche.communityId!), title: `Whom to equip among the members of community ${niche.communityId}` }, `Whom to equip in ${niche.communityId}`)
            : null,
        ),
  );
}

function bar(label: string, value: number, max: number, title: string): HTMLElement {
  const width = Math.max(0, Math.min(100, (value / max) * 100));
  return h(
    'div',
    { className: 'bar-row', title },
    h('span', { className: 'bar-label' }, label),
    h('span', { className: 'bar', role: 'meter', 'aria-valuenow': value.toFixed(3), 'aria-valuemin': '0', 'aria-valuemax': String(max), 'aria-label': label }, h('span', { className: 'bar-fill', style: `width:${width.toFixed(1)}%` })),
    h('span', { className: 'bar-value' }, fmt(value)),
  );
}

export function accountPanel(result: AccountResult, actions: PanelActions): HTMLElement {
  const s = result.scores;
  return h(
    'section',
    { className: 'account', 'aria-label': `Account ${result.accountId}` },
    h('h3', {}, result.accountId),
    h(
      'p',
      {},
      swatch(result.niche.id),
      h('button', { type: 'button', className: 'link', onclick: () => actions.openNiche(result.niche.id), disabled: result.niche.unassigned }, result.niche.unassigned ? 'in no niche' : `niche ${result.niche.id}`),
      h('span', { className: 'muted' }, ` (${int(result.niche.size)} members) · rank ${s.rank + 1} · ${s.role}`),
    ),
    h('p', { className: 'big' }, 'trust score ', h('strong', { 'data-testid': 'account-score' }, fmt(s.score)), h('span', { className: 'muted' }, ' (1 = an average member)')),
    h('h4', {}, 'Components (score = centrality × ties × positive share)'),
    bar('centrality', s.centrality, Math.max(2, s.centrality), 'Within-niche PageRank × niche size (1 = niche average)'),
    bar('ties', s.ties, 2, '1 + mean of reciprocity, repeat and embeddedness, in [1, 2]'),
    bar('positive share', s.positiveShare, 1, 'Positive share of the weight received'),
    h('div', { className: 'sub' }, bar('reciprocity', s.reciprocity, 1, 'Share of in-niche weight received that it gives back'), bar('repeat', s.repeat, 1, 'Share of in-niche contacts who came back'), bar('embeddedness', s.embeddedness, 1, 'Mean neighbourhood overlap of its in-niche ties')),
    h('p', { className: 'small' }, `Role: ${s.role} (within-niche degree z ${fmt(s.withinDegreeZ, 1)}, participation ${fmt(s.participation)}); in its niche in ${pct(s.confidence)} of runs.`),
    h('h4', {}, 'Why'),
    h('p', { className: 'why' }, result.explanation),
    h('h4', {}, 'Top reciprocal ties'),
    s.topTies.length === 0
      ? h('p', { className: 'muted' }, 'No reciprocal tie.')
      : h(
          'ol',
          { className: 'ties' },
          ...s.topTies.map((t) => h('li', {}, accountButton(t.accountId, actions, t.sameNiche ? '' : '(other niche)'), h('span', { className: 'muted small' }, ` weight ${fmt(t.weight, 1)} · overlap ${fmt(t.overlap)}`))),
        ),
  );
}

export function ambassadorList(list: AmbassadorList, actions: PanelActions): HTMLElement {
  return h(
    'section',
    { className: 'ambassadors' },
    h(
      'p',
      { className: 'small' },
      `${list.items.length} account${list.items.length === 1 ? '' : 's'} reach ${int(list.reached)} accounts in ${int(list.nichesReached)} of ${int(list.niches)} niche${list.niches === 1 ? '' : 's'} (of ${int(list.candidates)} candidates).`,
    ),
    h(
      'ol',
      { className: 'ambassador-list' },
      ...list.items.map((a) =>
        h(
          'li',
          {},
          h('div', {}, swatch(a.nicheId), accountButton(a.accountId, actions), h('span', { className: 'muted small' }, ` ${a.nicheId} · score ${fmt(a.score)} · +${int(a.newlyReached)} reached${a.newNiches > 0 ? ` · +${a.newNiches} niche${a.newNiches === 1 ? '' : 's'}` : ''}`)),
          h('p', { className: 'why small' }, a.why),
        ),
      ),
    ),
    h('p', { className: 'muted small' }, `Method: ${list.method}.`),
  );
}
