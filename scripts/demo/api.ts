/**
 * The nichegraph REST endpoints the demo uses, typed after the API contract, with paging
 * for the result lists and polling for an analysis that outlives `?wait=`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { DemoError } from './demo-error.js';
import type { HttpClient } from './http-client.js';

export interface GraphView {
  id: string;
  name: string;
  description: string | null;
  createdAt: string;
}

export interface IngestBatch {
  interactions: Array<{ id?: string; source: string; target: string; type?: string; weight?: number; timestamp?: string | number }>;
  accounts?: Array<{ id: string; properties?: Record<string, string | number | boolean> }>;
}

export interface IngestResponse {
  received: number;
  stored: number;
  duplicates: number;
}

export interface AnalysisRequest {
  resolution?: number;
  seed?: number;
  topK?: number;
}

export interface AnalysisSummaryView {
  accounts: number;
  edges: number;
  niches: number;
  communities?: number;
  modularity: number;
  nicheModularity?: number;
}

export interface AnalysisView {
  id: string;
  graphId: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  params: Record<string, unknown>;
  createdAt: string;
  finishedAt: string | null;
  error?: string;
  summary?: AnalysisSummaryView;
}

export interface TrustedView {
  accountId: string;
  score: number;
}

export interface NicheView {
  id: string;
  /** The community the niche lies in; null for the unassigned group. */
  communityId: string | null;
  /** The group of accounts whose group was below minNicheSize: not a niche. */
  unassigned: boolean;
  size: number;
  density: number;
  conductance: number;
  trusted: TrustedView[];
}

export interface CommunityView {
  id: string;
  size: number;
  density: number;
  conductance: number;
  niches: string[];
  unassigned: number;
}

export interface MemberView {
  accountId: string;
  score: number;
}

interface Page<T> {
  total: number;
  items: T[];
}

/** Largest page the API serves (PageQuery limit maximum). */
const PAGE_SIZE = 1000;
const NICHE_PAGE_SIZE = 100;

const seg = encodeURIComponent;

function isFinished(a: AnalysisView): boolean {
  return a.status === 'succeeded' || a.status === 'failed';
}

export class NichegraphApi {
  constructor(readonly http: HttpClient) {}

  /** DELETE /v1/graphs/{id}: true when deleted, false when there was none. */
  async deleteGraphIfExists(graphId: string): Promise<boolean> {
    const res = await this.http.request<unknown>('DELETE', `/v1/graphs/${seg(graphId)}`, { expect: [204, 404] });
    return res.status === 204;
  }

  async createGraph(body: { id?: string; name: string; description?: string }): Promise<GraphView> {
    return (await this.http.request<GraphView>('POST', '/v1/graphs', { body, expect: [201] })).body;
  }

  async ingest(graphId: string, batch: IngestBatch): Promise<IngestResponse> {
    const path = `/v1/graphs/${seg(graphId)}/interactions`;
    return (await this.http.request<IngestResponse>('POST', path, { body: batch, expect: [200] })).body;
  }

  /**
   * POST /v1/graphs/{id}/analyses?wait=N, then GET /v1/analyses/{id}?wait=N until the
   * analysis has succeeded or failed (or `timeoutMs` has passed).
   */
  async runAnalysis(
    graphId: string,
    params: AnalysisRequest,
    options: { waitSeconds?: number; timeoutMs?: number; onWaiting?: (a: AnalysisView, elapsedMs: number) => void } = {},
  ): Promise<AnalysisView> {
    const wait = options.waitSeconds ?? 60;
    const started = Date.now();
    const deadline = started + (options.timeoutMs ?? 30 * 60_000);
    const httpTimeout = (wait + 30) * 1000;
    let analysis = (
      await this.http.request<AnalysisView>('POST', `/v1/graphs/${seg(graphId)}/analyses?wait=${wait}`, {
        body: params,
        expect: [200, 202],
        timeoutMs: httpTimeout,
      })
    ).body;
    while (!isFinished(analysis)) {
      if (Date.now() > deadline) {
        throw new DemoError(`analysis ${analysis.id} is still ${analysis.status} after ${Math.round((Date.now() - started) / 1000)} s; giving up`);
      }
      options.onWaiting?.(analysis, Date.now() - started);
      const before = Date.now();
      analysis = (
        await this.http.request<AnalysisView>('GET', `/v1/analyses/${seg(analysis.id)}?wait=${wait}`, { expect: [200], timeoutMs: httpTimeout })
      ).body;
      // A server that answers at once while the job runs must not be hammered.
      if (!isFinished(analysis) && Date.now() - before < 1000) await sleep(1000);
    }
    return analysis;
  }

  /** Every niche of a succeeded analysis, largest first. */
  async listNiches(analysisId: string): Promise<{ total: number; items: NicheView[] }> {
    return this.allPages<NicheView>(`/v1/analyses/${seg(analysisId)}/niches`, NICHE_PAGE_SIZE);
  }

  /** Every community of a succeeded analysis, largest first. */
  async listCommunities(analysisId: string): Promise<{ total: number; items: CommunityView[] }> {
    return this.allPages<CommunityView>(`/v1/analyses/${seg(analysisId)}/communities`, NICHE_PAGE_SIZE);
  }

  /** Every member of one niche, highest score first. */
  async listMembers(analysisId: string, nicheId: string): Promise<MemberView[]> {
    return (await this.allPages<MemberView>(`/v1/analyses/${seg(analysisId)}/niches/${seg(nicheId)}/members`, PAGE_SIZE)).items;
  }

  private async allPages<T>(path: string, limit: number): Promise<{ total: number; items: T[] }> {
    const items: T[] = [];
    let total = Infinity;
    while (items.length < total) {
      const page = (await this.http.request<Page<T>>('GET', `${path}?limit=${limit}&offset=${items.length}`, { expect: [200] })).body;
      if (!page || typeof page.total !== 'number' || !Array.isArray(page.items)) {
        throw new DemoError(`GET ${path} answered without the expected {total, items} page`);
      }
      total = page.total;
      if (page.items.length === 0) break;
      items.push(...page.items);
    }
    return { total: Number.isFinite(total) ? total : items.length, items };
  }
}
