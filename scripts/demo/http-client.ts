/**
 * A small JSON-over-HTTP client on fetch. Answers outside the expected statuses become an
 * ApiError whose message reads the RFC 9457 problem details the API sends
 * (application/problem+json: type, title, status, detail, code, requestId, errors[]).
 */
import { DemoError } from './demo-error.js';

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: Array<{ field?: string; pointer?: string; message?: string }>;
}

export class ApiError extends DemoError {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly problem: Problem | null,
    bodyText: string,
  ) {
    super(`${method} ${path} answered ${describeProblem(status, problem, bodyText)}`, problemDetails(problem));
    this.name = 'ApiError';
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && ('title' in value || 'detail' in value || 'type' in value);
}

/** "409 Conflict [NG_GRAPH_EXISTS]: Graph 'demo' already exists". */
export function describeProblem(status: number, problem: Problem | null, bodyText = ''): string {
  if (!problem) {
    const text = bodyText.trim().replace(/\s+/g, ' ');
    return `${status}${text ? `: ${text.length > 300 ? `${text.slice(0, 300)}...` : text}` : ''}`;
  }
  const title = problem.title ? ` ${problem.title}` : '';
  const code = problem.code ? ` [${problem.code}]` : '';
  const detail = problem.detail ? `: ${problem.detail}` : '';
  return `${problem.status ?? status}${title}${code}${detail}`;
}

/** One line per offending field, then the request id (to find the request in the API's log). */
export function problemDetails(problem: Problem | null): string[] {
  if (!problem) return [];
  const lines: string[] = [];
  for (const e of (problem.errors ?? []).slice(0, 10)) {
    lines.push(`  - ${e.field ?? e.pointer ?? '?'}: ${e.message ?? 'is invalid'}`);
  }
  if ((problem.errors?.length ?? 0) > 10) lines.push(`  - ... and ${(problem.errors?.length ?? 0) - 10} more`);
  if (problem.requestId) lines.push(`  (request id ${problem.requestId}${problem.type ? `, see ${problem.type}` : ''})`);
  return lines;
}

export interface RequestOptions {
  body?: unknown;
  /** Statuses treated as success; default 200..299. */
  expect?: readonly number[];
  timeoutMs?: number;
}

export interface HttpResponse<T> {
  status: number;
  body: T;
}

export class HttpClient {
  constructor(
    readonly baseUrl: string,
    private readonly defaultTimeoutMs = 120_000,
  ) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResponse<T>> {
    const url = new URL(path, this.baseUrl);
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    let payload: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(payload !== undefined ? { body: payload } : {}),
        signal: AbortSignal.timeout(options.timeoutMs ?? this.defaultTimeoutMs),
      });
    } catch (err) {
      throw new DemoError(`${method} ${path}: no answer from ${this.baseUrl}: ${networkReason(err)}`);
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    if (text.length > 0 && /json/i.test(response.headers.get('content-type') ?? '')) {
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new DemoError(`${method} ${path} answered ${response.status} with a body that is not valid JSON`);
      }
    }
    const expected = options.expect ?? [];
    const ok = expected.length > 0 ? expected.includes(response.status) : response.ok;
    if (!ok) throw new ApiError(method, path, response.status, isProblem(parsed) ? parsed : null, text);
    return { status: response.status, body: parsed as T };
  }
}

/** The innermost cause of a fetch failure: ECONNREFUSED, a timeout, ... */
function networkReason(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'timed out';
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) return (cause as Error & { code?: string }).code ?? cause.message;
    return err.message;
  }
  return String(err);
}
