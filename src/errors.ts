/**
 * Every error the API answers with, declared once with a stable code.
 *
 * Clients switch on `code` (also the last segment of the problem `type`), never on
 * the human-readable `title`/`detail`. Answers are RFC 9457 problem details
 * (application/problem+json), built by src/http/plugins/app/problems.ts.
 */
import createError from '@fastify/error';

export const PROBLEM_TYPE_BASE = 'https://nichegraph.dev/problems/';

export const Errors = {
  VALIDATION: createError('NG_VALIDATION', 'Request validation failed: %s', 400),
  BAD_REQUEST: createError('NG_BAD_REQUEST', '%s', 400),
  MALFORMED_BODY: createError('NG_MALFORMED_BODY', 'The request body is not valid: %s', 400),
  GRAPH_NOT_FOUND: createError('NG_GRAPH_NOT_FOUND', "Graph '%s' does not exist", 404),
  ANALYSIS_NOT_FOUND: createError('NG_ANALYSIS_NOT_FOUND', "Analysis '%s' does not exist", 404),
  NICHE_NOT_FOUND: createError('NG_NICHE_NOT_FOUND', "Niche '%s' does not exist in analysis '%s'", 404),
  ACCOUNT_NOT_FOUND: createError('NG_ACCOUNT_NOT_FOUND', "Account '%s' is not part of analysis '%s'", 404),
  ANALYSIS_NOT_FINISHED: createError('NG_ANALYSIS_NOT_FINISHED', "Analysis '%s' is %s: results exist only once it has succeeded", 409),
  ANALYSIS_FINISHED: createError('NG_ANALYSIS_FINISHED', "Analysis '%s' has already finished (%s); only a queued or running analysis can be cancelled", 409),
  QUEUE_FULL: createError('NG_QUEUE_FULL', 'The analysis queue is full; retry after %s seconds', 503),
  QUEUE_UNAVAILABLE: createError('NG_QUEUE_UNAVAILABLE', 'The analysis queue (Redis) cannot be reached; retry after Retry-After seconds', 503),
  ANALYSIS_HELD_ELSEWHERE: createError(
    'NG_ANALYSIS_HELD_ELSEWHERE',
    "Analysis '%s' is held by another live instance without a shared queue; cancel it through that instance",
    409,
  ),
  BAD_URL: createError('NG_BAD_URL', 'The URL is not valid (malformed percent-encoding)', 400),
  URI_TOO_LONG: createError('NG_URI_TOO_LONG', 'A path parameter is longer than %s characters', 414),
  ROUTE_NOT_FOUND: createError('NG_ROUTE_NOT_FOUND', 'No route %s %s', 404),
  GRAPH_EXISTS: createError('NG_GRAPH_EXISTS', "Graph '%s' already exists", 409),
  BATCH_TOO_LARGE: createError('NG_BATCH_TOO_LARGE', 'A batch holds at most %s %s; this one has %s', 413),
  BODY_TOO_LARGE: createError('NG_BODY_TOO_LARGE', 'The request body exceeds %s bytes', 413),
  LINE_TOO_LONG: createError('NG_LINE_TOO_LONG', 'Line %s of the streamed body is longer than %s characters (INGEST_STREAM_MAX_LINE_LENGTH)', 413),
  UNSUPPORTED_MEDIA_TYPE: createError('NG_UNSUPPORTED_MEDIA_TYPE', 'Content-Type %s is not supported here; send application/json', 415),
  STORE_UNAVAILABLE: createError('NG_STORE_UNAVAILABLE', 'The database is unavailable; retry later', 503),
  INTERNAL: createError('NG_INTERNAL', 'Internal error; the request id identifies it in the logs', 500),
  // Auth (src/http/plugins/app/auth.ts)
  UNAUTHORIZED: createError('NG_UNAUTHORIZED', 'Missing or unknown API key: send Authorization: Bearer <key>', 401),
  FORBIDDEN: createError('NG_FORBIDDEN', "This API key has scope '%s'; this request needs scope '%s'", 403),
  GRAPH_NOT_ALLOWED: createError('NG_GRAPH_NOT_ALLOWED', "This API key may not create graph '%s' (not in its graph allow-list)", 403),
  // Idempotency (src/http/plugins/app/idempotency.ts)
  IDEMPOTENCY_KEY_INVALID: createError('NG_IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1-255 visible ASCII characters', 400),
  IDEMPOTENCY_KEY_REUSED: createError('NG_IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key was already used with a different request (method, path or body)', 422),
  // Resumable streamed uploads (Upload-Id; src/store/uploads.ts, src/http/routes/interactions/stream.ts)
  UPLOAD_ID_NOT_STREAMED: createError(
    'NG_UPLOAD_ID_NOT_STREAMED',
    'Upload-Id applies to streamed (NDJSON or CSV) bodies; a JSON batch is one transaction: send an Idempotency-Key to retry it safely',
    400,
  ),
  // Folded graphs (fold: "day"; src/store/fold.ts)
  FOLD_UNGUARDED: createError(
    'NG_FOLD_UNGUARDED',
    "Graph '%s' folds interactions without ids (fold: day), so a retry of this batch would count its events twice: send a JSON batch with an Idempotency-Key header, or a streamed body with an Upload-Id header",
    400,
  ),
  UPLOAD_NOT_FOUND: createError('NG_UPLOAD_NOT_FOUND', "Upload '%s' has committed nothing in graph '%s'", 404),
  UPLOAD_CONFLICT: createError('NG_UPLOAD_CONFLICT', '%s; read its progress (GET /v1/graphs/{graphId}/uploads/{uploadId}) and resume', 409),
  UPLOAD_MISMATCH: createError(
    'NG_UPLOAD_MISMATCH',
    "The body does not begin with the %s rows that upload '%s' committed (%s): resume with the same body, or use a new Upload-Id",
    409,
  ),
  IDEMPOTENCY_KEY_STREAMED: createError(
    'NG_IDEMPOTENCY_KEY_STREAMED',
    'Idempotency-Key is not supported on streamed (NDJSON or CSV) bodies: send an Upload-Id (a resumable upload), or give interactions ids, which make a re-sent stream store each interaction once',
    400,
  ),
  IDEMPOTENCY_IN_PROGRESS: createError('NG_IDEMPOTENCY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed; retry after Retry-After seconds', 409),
  // Limits (src/http/plugins/external/rate-limit.ts, under-pressure.ts, plugins/app/analysis-quota.ts)
  RATE_LIMITED: createError('NG_RATE_LIMITED', 'Rate limit of %s requests per %s exceeded; retry after Retry-After seconds', 429),
  TOO_MANY_ANALYSES: createError('NG_TOO_MANY_ANALYSES', 'This API key already has %s analyses queued or running (the limit); retry when one has finished', 429),
  OVERLOADED: createError('NG_OVERLOADED', 'The service is overloaded; retry after Retry-After seconds', 503),
  SHUTTING_DOWN: createError('NG_SHUTTING_DOWN', 'The service is shutting down; retry on another instance or later', 503),
  // Exports, ambassadors and the explorer (src/http/exports.ts, ambassadors.ts, analysis-graph.ts, explorer.ts)
  TIES_UNAVAILABLE: createError(
    'NG_TIES_UNAVAILABLE',
    "Analysis '%s' was stored before its ties carried their reciprocated weight, which the ambassadors need: run the analysis again (same parameters)",
    409,
  ),
  GRAPH_TOO_LARGE: createError(
    'NG_GRAPH_TOO_LARGE',
    "Analysis '%s' is too large to draw whole (%s): read its niche-graph and a niche's ties, or export it",
    422,
  ),
  EXPLORER_NOT_BUILT: createError('NG_EXPLORER_NOT_BUILT', "The explorer's assets are not built in %s: run npm run build", 503),
} as const;

/**
 * Fastify's own error codes, mapped to ours so that clients see one vocabulary. A 4xx
 * from the framework that is not listed answers NG_BAD_REQUEST with its status.
 */
export const FRAMEWORK_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'NG_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_BODY_TOO_LARGE: 'NG_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'NG_MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'NG_MALFORMED_BODY',
  FST_ERR_CTP_INVALID_JSON_BODY: 'NG_MALFORMED_BODY',
  FST_ERR_BAD_URL: 'NG_VALIDATION',
  FST_ERR_VALIDATION: 'NG_VALIDATION',
};

export type ErrorCode = ReturnType<(typeof Errors)[keyof typeof Errors]>['code'];

/** One offending field of a request, as listed in a 400 problem's `errors`. */
export interface FieldError {
  /** JSON Pointer into the request part, e.g. /interactions/3/weight. */
  pointer: string;
  /** Where the field lives: body, querystring, params or headers. */
  in: string;
  /** Index of the offending item when the field is inside interactions[] or accounts[]. */
  index?: number;
  /** Dotted field name, e.g. interactions[3].weight. */
  field: string;
  message: string;
}

/** A validation failure carrying every offending field, not only the first. */
export class ValidationFailure extends Error {
  readonly code = 'NG_VALIDATION';
  readonly statusCode = 400;
  constructor(readonly fieldErrors: FieldError[]) {
    super(summariseFieldErrors(fieldErrors));
    this.name = 'ValidationFailure';
  }
}

export function summariseFieldErrors(errors: FieldError[]): string {
  const shown = errors.slice(0, 5).map((e) => `${e.field} ${e.message}`);
  const more = errors.length > 5 ? ` (and ${errors.length - 5} more)` : '';
  return shown.join('; ') + more;
}

/** Turns a JSON Pointer (/interactions/3/weight) into a dotted field name (interactions[3].weight). */
export function pointerToField(pointer: string): string {
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
