/**
 * Server timeouts on real sockets (src/config.ts: HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS,
 * CONNECTION_TIMEOUT_MS, KEEP_ALIVE_TIMEOUT_MS), set small here: a client that drips its
 * headers or its body, goes silent, or idles on a keep-alive connection is cut off. Each
 * check allows several times the configured timeout (the server sweeps once a second);
 * without the timeouts Node's defaults would keep every one of these connections open
 * for a minute or more.
 */
import t from 'tap';
import { startTestApp } from '../helpers/app.js';
import { rawConnection, within } from '../helpers/raw-http.js';

const ctx = await startTestApp({
  HEADERS_TIMEOUT_MS: '500',
  REQUEST_TIMEOUT_MS: '5000',
  CONNECTION_TIMEOUT_MS: '1000',
  KEEP_ALIVE_TIMEOUT_MS: '500',
});
t.teardown(() => ctx.close());
await ctx.app.listen({ host: '127.0.0.1', port: 0 });
const port = (ctx.app.server.address() as { port: number }).port;
const DEADLINE = 10_000;

/** Writes `text` one character every `everyMs` until the socket closes or `text` is sent. */
function drip(socket: import('node:net').Socket, text: string, everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]!);
  }, everyMs);
}

t.test('headers dripped slower than HEADERS_TIMEOUT_MS: 408 and closed', async (t) => {
  const c = await rawConnection(port);
  drip(c.socket, 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ' + 'a'.repeat(500), 100);
  t.ok(await within(c.closed, DEADLINE), 'the server closed the connection');
  t.match(c.received(), /^HTTP\/1\.1 408/, 'with 408 Request Timeout');
});

t.test('a body dripped past REQUEST_TIMEOUT_MS: 408 and closed', async (t) => {
  const c = await rawConnection(port);
  c.socket.write('POST /v1/graphs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
  drip(c.socket, ' '.repeat(999), 100);
  t.ok(await within(c.closed, DEADLINE), 'the server closed the connection');
  t.match(c.received(), /^HTTP\/1\.1 408/, 'with 408 Request Timeout');
});

t.test('a connection silent for CONNECTION_TIMEOUT_MS mid-request is closed', async (t) => {
  const c = await rawConnection(port);
  c.socket.write('POST /v1/graphs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na');
  // Sooner than the request timeout (5 s) would.
  t.ok(await within(c.closed, 3500), 'the server closed the connection');
  t.notMatch(c.received(), /408/, 'by the idle timeout (no answer), not the request timeout');
});

t.test('an idle keep-alive connection is closed after KEEP_ALIVE_TIMEOUT_MS', async (t) => {
  const c = await rawConnection(port);
  c.socket.write('GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
  t.ok(await within(c.closed, DEADLINE), 'the server closed the connection');
  t.match(c.received(), /^HTTP\/1\.1 200/, 'after answering the request');
  t.match(c.received(), /keep-alive/i, 'which it had kept alive');
});
