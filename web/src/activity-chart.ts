/**
 * The niche card's activity chart: events between the niche's members per ISO week (or
 * UTC day), from GET /v1/analyses/{id}/niches/{nicheId}/activity, as a small SVG bar chart.
 * Bars are drawn in one colour of Paul Tol's palette (the one the activity span uses), each
 * with a <title> naming its bucket and count; the chart as a whole has a text summary for
 * screen readers and below it, so nothing depends on seeing the bars. A card asks for its
 * chart when it first scrolls into view (one request per card read, not per card listed).
 */
import type { NicheActivity } from './api.js';
import { h, int } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 396;
const HEIGHT = 48;
const BAR_COLOUR = '#332288';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  return el;
}

const day = (iso: string): string => iso.slice(0, 10);

/** The chart of one answer; a line of text instead when there is nothing to draw. */
export function activityChart(activity: NicheActivity): HTMLElement {
  const unit = activity.bucket === 'day' ? 'day' : 'week';
  if (activity.buckets.length === 0) return h('p', { className: 'muted small activity-chart' }, 'No timestamped events between members.');
  const max = Math.max(1, ...activity.buckets.map((b) => b.events));
  let peak = activity.buckets[0]!;
  for (const b of activity.buckets) if (b.events > peak.events) peak = b;
  const first = day(activity.buckets[0]!.start);
  const last = day(activity.buckets[activity.buckets.length - 1]!.start);
  const summary =
    `Events between members per ${unit}, ${activity.buckets.length} ${unit}s from ${first} to ${last}: ` +
    `${int(activity.events - activity.earlierEvents)} events, peak ${int(peak.events)} in the ${unit} of ${day(peak.start)}`;
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: '100%', height: HEIGHT, role: 'img', 'aria-label': summary, class: 'activity-bars' });
  const slot = WIDTH / activity.buckets.length;
  const gap = slot > 3 ? 1 : 0;
  activity.buckets.forEach((b, k) => {
    if (b.events === 0) return;
    // At least 2 px, so that a bucket with one event among thousands still shows.
    const height = Math.max(2, (b.events / max) * (HEIGHT - 2));
    const bar = svg('rect', { x: (k * slot).toFixed(2), y: (HEIGHT - height).toFixed(2), width: Math.max(0.5, slot - gap).toFixed(2), height: height.toFixed(2), fill: BAR_COLOUR, 'data-events': b.events });
    const title = svg('title', {});
    title.textContent = `${unit} of ${day(b.start)}: ${int(b.events)} events`;
    bar.append(title);
    chart.append(bar);
  });
  chart.append(svg('line', { x1: 0, y1: HEIGHT - 0.5, x2: WIDTH, y2: HEIGHT - 0.5, stroke: '#767676', 'stroke-width': 1 }));
  const note = activity.earlierEvents > 0 ? ` · ${int(activity.earlierEvents)} earlier events not drawn` : '';
  return h(
    'figure',
    { className: 'activity-chart', 'data-bucket': activity.bucket },
    chart,
    h('figcaption', { className: 'small muted' }, `${first} → ${last} · per ${unit} · peak ${int(peak.events)}${note}`),
  );
}
