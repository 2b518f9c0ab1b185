/**
 * Request-log serializers for routes whose path names an account (erasure, an account's
 * result): the request line is logged with the account id replaced, so that no log keeps
 * the id of a person who is, or may later be, erased. Given to a route as `logSerializers`.
 */
import type { FastifyRequest } from 'fastify';

const ACCOUNT_SEGMENT = /(\/accounts\/)[^/?]*/;

export function redactAccountPath(url: string): string {
  return url.replace(ACCOUNT_SEGMENT, '$1[redacted]');
}

export const redactedRequestLog = {
  req(req: FastifyRequest) {
    return {
      method: req.method,
      url: redactAccountPath(req.url),
      host: req.host,
      remoteAddress: req.ip,
      remotePort: req.socket?.remotePort,
    };
  },
};
