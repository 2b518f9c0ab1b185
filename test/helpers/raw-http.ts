/**
 * Real-socket helpers for tests of what inject cannot show: when the server answers
 * relative to the body (before it is complete), and how it treats slow or silent clients.
 */
import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';

export interface Answer {
  status: number;
  body: string;
}

/**
 * Sends the headers (declaring `declaredLength` bytes) and `bytes` of the body, then
 * nothing more: the body stays incomplete. Resolves with the answer if one comes within
 * `deadlineMs`, else with null.
 */
export function partialUpload(
  port: number,
  path: string,
  headers: Record<string, string>,
  declaredLength: number,
  bytes: Buffer,
  deadlineMs = 15_000,
): Promise<Answer | null> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers: { ...headers, 'content-length': String(declaredLength) } });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(null);
    }, deadlineMs);
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', () => {
      // the socket is torn down after the answer: nothing to report
    });
    req.write(bytes);
  });
}

/** A raw TCP connection to the server, with what it received and when it was closed. */
export async function rawConnection(port: number): Promise<{ socket: net.Socket; received: () => string; closed: Promise<void> }> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  let text = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (text += d));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed };
}

/** Resolves true if `p` settles within `ms`, false otherwise. */
export async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([p.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}
