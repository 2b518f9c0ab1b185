/**
 * The map: a sigma.js 3 renderer (WebGL) over a graphology graph. Nodes carry x, y,
 * size, color and label; a selected node dims everything but itself and its neighbours;
 * highlighted nodes (ambassadors, search hits) get their label shown and a larger size.
 */
import Graph from 'graphology';
import Sigma from 'sigma';
import { refine } from './layout.js';

export interface MapTimings {
  /** performance.now() when the data for the current map arrived / its first frame was drawn / its layout stopped. */
  dataAt: number;
  drawnAt: number;
  settledAt: number;
  nodes: number;
  edges: number;
  view: string;
}

export class ExplorerMap {
  private sigma: Sigma | null = null;
  private layout: { kill: () => void } | null = null;
  private selected: string | null = null;
  private neighbours = new Set<string>();
  private highlighted = new Set<string>();
  graph: Graph = new Graph({ type: 'undirected' });
  onClickNode: (node: string) => void = () => {};
  onTimings: (t: MapTimings) => void = () => {};

  constructor(private readonly container: HTMLElement) {}

  /**
   * Draws `graph` (positions set); runs ForceAtlas2 for `layoutMs` afterwards. `sizes`:
   * 'positions' when node sizes are in graph units (a seeded layout that FA2 does not
   * rescale), 'screen' (pixels) when FA2 moves the nodes.
   */
  show(graph: Graph, view: string, dataAt: number, layoutMs: number, sizes: 'positions' | 'screen'): void {
    this.kill();
    this.graph = graph;
    this.selected = null;
    this.neighbours.clear();
    this.highlighted.clear();
    const timings: MapTimings = { dataAt, drawnAt: 0, settledAt: 0, nodes: graph.order, edges: graph.size, view };
    this.sigma = new Sigma(graph, this.container, {
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: view === 'niches' ? 4 : 9,
      labelDensity: 0.5,
      labelFont: 'system-ui, sans-serif',
      defaultEdgeColor: '#bbbbbb',
      zIndex: true,
      // In graph units, a niche's disc holds its members at any zoom.
      itemSizesReference: sizes,
      ...(sizes === 'positions' ? { zoomToSizeRatioFunction: (ratio: number) => ratio } : {}),
      minCameraRatio: 0.02,
      maxCameraRatio: 4,
      nodeReducer: (node, data) => {
        const out: Record<string, unknown> = { ...data };
        if (this.highlighted.has(node)) {
          out.size = (data.size as number) * 1.6;
          out.forceLabel = true;
          out.zIndex = 2;
          out.highlighted = true;
        }
        if (this.selected !== null) {
          if (node === this.selected) {
            out.forceLabel = true;
            out.highlighted = true;
            out.zIndex = 3;
          } else if (!this.neighbours.has(node)) {
            out.color = '#e8e8e8';
            out.label = '';
            out.zIndex = 0;
          }
        }
        return out;
      },
      edgeReducer: (edge, data) => {
        if (this.selected === null) return data;
        const [a, b] = this.graph.extremities(edge);
        return a === this.selected || b === this.selected ? { ...data, color: '#555555', zIndex: 1 } : { ...data, hidden: true };
      },
    });
    this.sigma.on('clickNode', ({ node }) => this.onClickNode(node));
    // Sigma renders once, synchronously, in its constructor: the first frame is on screen
    // at the next animation frame.
    requestAnimationFrame(() => {
      if (graph.order === 0) return;
      timings.drawnAt = performance.now();
      this.onTimings({ ...timings });
    });
    const run = refine(graph, layoutMs);
    this.layout = run;
    void run.done.then(() => {
      // Not before the first frame (a layout of 0 ms is done at once).
      requestAnimationFrame(() => {
        timings.settledAt = performance.now();
        this.onTimings({ ...timings });
      });
    });
  }

  select(node: string | null): void {
    this.selected = node !== null && this.graph.hasNode(node) ? node : null;
    this.neighbours = new Set(this.selected !== null ? this.graph.neighbors(this.selected) : []);
    if (this.selected !== null && this.sigma) {
      const pos = this.sigma.getNodeDisplayData(this.selected);
      if (pos) void this.sigma.getCamera().animate({ x: pos.x, y: pos.y, ratio: Math.min(this.sigma.getCamera().ratio, 0.5) }, { duration: 400 });
    }
    this.sigma?.refresh();
  }

  highlight(nodes: Iterable<string>): void {
    this.highlighted = new Set([...nodes].filter((n) => this.graph.hasNode(n)));
    this.sigma?.refresh();
  }

  /** Where a node is drawn, in page coordinates; null when it is not on the map. */
  pagePosition(node: string): { x: number; y: number } | null {
    if (!this.sigma || !this.graph.hasNode(node)) return null;
    const data = this.sigma.getNodeDisplayData(node);
    if (!data) return null;
    const vp = this.sigma.framedGraphToViewport({ x: data.x, y: data.y });
    const rect = this.container.getBoundingClientRect();
    return { x: rect.left + vp.x, y: rect.top + vp.y };
  }

  resetCamera(): void {
    void this.sigma?.getCamera().animatedReset({ duration: 300 });
  }

  kill(): void {
    this.layout?.kill();
    this.layout = null;
    this.sigma?.kill();
    this.sigma = null;
  }
}
