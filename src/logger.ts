/**
 * The service's pino logger. API keys never reach a log: the Authorization header is
 * redacted wherever a request's headers are logged, and code names a key only by its
 * keyId (see src/http/plugins/app/auth.ts).
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACTED_PATHS = [
  'req.headers.authorization',
  'request.headers.authorization',
  'headers.authorization',
  'authorization',
  '*.authorization',
];

export function createLogger(level: string, options: { pretty?: boolean; destination?: DestinationStream } = {}): Logger {
  const base = { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  if (options.destination) return pino(base, options.destination);
  return pino({ ...base, ...(options.pretty ? { transport: { target: 'pino-pretty' } } : {}) });
}
