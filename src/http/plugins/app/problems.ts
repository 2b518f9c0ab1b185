/**
 * RFC 9457 problem details for every error the API answers with: validation, malformed
 * or oversized bodies, unknown routes, domain errors (src/errors.ts) and 5xx. A 5xx
 * never carries internals: its detail is generic and the request id ties it to the log.
 * The plugin registers the shared Problem schema, the error handler and the not-found
 * handler; errors raised before routing go through frameworkErrors (a Fastify option,
 * given in src/app.ts).
 */
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Neo4jError } from 'neo4j-driver';
import {
  Errors,
  FRAMEWORK_CODES,
  PROBLEM_TYPE_BASE,
  ValidationFailure,
  pointerToField,
  summariseFieldErrors,
  type FieldError,
} from '../../../errors.js';
import { Problem, ProblemJson } from '../../schemas.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Content Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: FieldError[];
}

export function problemType(code: string): string {
  return PROBLEM_TYPE_BASE + code.toLowerCase().replace(/_/g, '-');
}

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
): FastifyReply {
  const body: ProblemBody = {
    type: problemType(code),
    title: TITLES[status] ?? (status >= 500 ? 'Server Error' : 'Client Error'),
    status,
    detail,
    instance: req.url.split('?')[0] ?? req.url,
    code,
    requestId: String(req.id),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
  return reply.code(status).type(ProblemJson).send(body);
}

interface AjvError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Each Ajv error as an offending field: missing and unknown properties name the property itself. */
export function fieldErrorsFromAjv(errors: AjvError[], part: string): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    let pointer = e.instancePath;
    const extra = e.params?.missingProperty ?? e.params?.additionalProperty;
    if (typeof extra === 'string') pointer += `/${extra.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const message = typeof e.params?.additionalProperty === 'string' ? 'is not an allowed property' : (e.message ?? 'is invalid');
    const key = `${pointer} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const indexMatch = /^\/[^/]+\/(\d+)(\/|$)/.exec(pointer);
    out.push({
      in: part,
      pointer,
      field: pointerToField(pointer) || part,
      ...(indexMatch ? { index: Number(indexMatch[1]) } : {}),
      message,
    });
  }
  return out;
}

/** Whether an error says Neo4j is unreachable or the transaction may be retried (answered 503). */
export function isStoreUnavailable(err: unknown): boolean {
  if (err instanceof Neo4jError) {
    return err.code === 'ServiceUnavailable' || err.code === 'SessionExpired' || err.retriable === true;
  }
  return false;
}

/** Codes of the 5xx errors of src/errors.ts, whose messages are written for clients. */
const DECLARED_5XX = new Set<string>(
  Object.values(Errors)
    .map((E) => new E())
    .filter((e) => e.statusCode !== undefined && e.statusCode >= 500)
    .map((e) => e.code),
);
export const MAX_PARAM_LENGTH = 512;

/**
 * Errors Fastify raises before routing (malformed URL, over-long path parameter): given
 * to Fastify as its `frameworkErrors` option, so they are problem+json too.
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const e = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? new Errors.URI_TOO_LONG(MAX_PARAM_LENGTH) : new Errors.BAD_URL();
  reply.header('x-request-id', req.id);
  return sendProblem(req, reply, e.statusCode, e.code, e.message);
}

export default fp(
  async function problems(app) {
    app.addSchema(Problem);
    app.setErrorHandler((err: FastifyError & { validation?: AjvError[]; validationContext?: string }, req, reply) => {
      if (err instanceof ValidationFailure) {
        return sendProblem(req, reply, 400, err.code, err.message, err.fieldErrors);
      }
      if (err.validation) {
        const part = err.validationContext ?? 'request';
        const fields = fieldErrorsFromAjv(err.validation, part);
        return sendProblem(req, reply, 400, 'NG_VALIDATION', summariseFieldErrors(fields), fields);
      }
      if (isStoreUnavailable(err)) {
        req.log.warn({ err }, 'database unavailable');
        reply.header('retry-after', '5');
        const e = new Errors.STORE_UNAVAILABLE();
        return sendProblem(req, reply, e.statusCode, e.code, e.message);
      }
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        // One wording for every route, whichever parser refused the body.
        const e = new Errors.UNSUPPORTED_MEDIA_TYPE(String(req.headers['content-type'] ?? '(none)').split(';')[0]);
        return sendProblem(req, reply, e.statusCode, e.code, e.message);
      }
      const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
      if (status === 503 && err.code?.startsWith('NG_')) {
        // Our own 503s (overload, shutdown, full queue) say what happened and carry Retry-After.
        if (!reply.hasHeader('retry-after')) reply.header('retry-after', '5');
        return sendProblem(req, reply, status, err.code, err.message);
      }
      // A 5xx declared in src/errors.ts carries no internals: answer it as it is.
      if (status >= 500 && !DECLARED_5XX.has(err.code)) {
        // Never leak internals: the log has the error, the client gets the request id.
        req.log.error({ err }, 'request failed');
        const e = new Errors.INTERNAL();
        return sendProblem(req, reply, status, e.code, e.message);
      }
      const code = err.code?.startsWith('NG_') ? err.code : (FRAMEWORK_CODES[err.code] ?? 'NG_BAD_REQUEST');
      return sendProblem(req, reply, status, code, err.message);
    });

    app.setNotFoundHandler((req, reply) => {
      const e = new Errors.ROUTE_NOT_FOUND(req.method, req.url.split('?')[0]);
      return sendProblem(req, reply, e.statusCode, e.code, e.message);
    });
  },
  { name: 'problems', fastify: '5.x' },
);
