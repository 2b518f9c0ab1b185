/**
 * The page's only way to data: the public REST API, through the client generated from
 * openapi.yaml (openapi-fetch + src/client/openapi-types.ts), on the page's own origin.
 * The API key, when the service requires one, is kept in sessionStorage (this tab only,
 * gone when it closes) and sent as `Authorization: Bearer`, never in a URL.
 */
import createClient from 'openapi-fetch';
import type { paths } from '../../src/client/openapi-types.js';

const KEY_STORAGE = 'nichegraph.apiKey';

export function apiKey(): string {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function setApiKey(key: string): void {
  try {
    if (key === '') sessionStorage.removeItem(KEY_STORAGE);
    else sessionStorage.setItem(KEY_STORAGE, key);
  } catch {
    // Storage disabled: the key lives as long as the page.
  }
  memoryKey = key;
}

let memoryKey = '';

export const client = createClient<paths>({ baseUrl: window.location.origin });
client.use({
  onRequest({ request }) {
    const key = apiKey() || memoryKey;
    if (key !== '') request.headers.set('authorization', `Bearer ${key}`);
    return request;
  },
});

/** A problem+json answer (RFC 9457), or a network failure. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** The data of a call, or an ApiProblem with the problem's code and detail. */
export async function ok<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (err) {
    throw new ApiProblem(0, 'NETWORK', `the service did not answer (${(err as Error).message})`);
  }
  if (result.data !== undefined && result.response.ok) return result.data;
  const problem = (result.error ?? {}) as { code?: string; detail?: string; title?: string };
  throw new ApiProblem(result.response.status, problem.code ?? `HTTP_${result.response.status}`, problem.detail ?? problem.title ?? result.response.statusText);
}

type Json<P extends keyof paths, M extends 'get'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

export type GraphPage = Json<'/v1/graphs', 'get'>;
export type Analysis = Json<'/v1/analyses/{analysisId}', 'get'>;
export type NichePage = Json<'/v1/analyses/{analysisId}/niches', 'get'>;
export type Niche = NichePage['items'][number];
export type MemberPage = Json<'/v1/analyses/{analysisId}/niches/{nicheId}/members', 'get'>;
export type Member = MemberPage['items'][number];
export type AccountResult = Json<'/v1/analyses/{analysisId}/accounts/{accountId}', 'get'>;
export type NicheGraph = Json<'/v1/analyses/{analysisId}/niche-graph', 'get'>;
export type NicheTiePage = Json<'/v1/analyses/{analysisId}/niches/{nicheId}/ties', 'get'>;
export type AccountGraph = Json<'/v1/analyses/{analysisId}/graph', 'get'>;
export type NicheActivity = Json<'/v1/analyses/{analysisId}/niches/{nicheId}/activity', 'get'>;
export type AmbassadorList = Json<'/v1/analyses/{analysisId}/ambassadors', 'get'>;

/** An analysis as the picker lists it (GET /v1/graphs/{graphId}/analyses, where the service has it). */
export interface AnalysisListItem {
  id: string;
  status: string;
  createdAt: string;
  summary?: { accounts: number; niches: number };
}

/** The analyses of a graph, newest first; null when this service has no such list. */
export async function listAnalyses(graphId: string): Promise<AnalysisListItem[] | null> {
  if (document.querySelector('meta[name="nichegraph-analysis-list"]')?.getAttribute('content') !== 'on') return null;
  const key = apiKey() || memoryKey;
  const res = await fetch(`${window.location.origin}/v1/graphs/${encodeURIComponent(graphId)}/analyses?limit=50`, {
    headers: key !== '' ? { authorization: `Bearer ${key}` } : {},
  });
  if (res.status === 404 || res.status === 405) {
    const problem = (await res.json().catch(() => ({}))) as { code?: string };
    if (problem.code === 'NG_ROUTE_NOT_FOUND' || res.status === 405) return null;
    throw new ApiProblem(404, problem.code ?? 'HTTP_404', `graph '${graphId}' not found`);
  }
  if (!res.ok) {
    const problem = (await res.json().catch(() => ({}))) as { code?: string; detail?: string };
    throw new ApiProblem(res.status, problem.code ?? `HTTP_${res.status}`, problem.detail ?? res.statusText);
  }
  const page = (await res.json()) as { items: AnalysisListItem[] };
  return page.items;
}
