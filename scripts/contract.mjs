#!/usr/bin/env node
// Contract test: Schemathesis (PyPI) fuzzes the live service from the committed openapi.yaml and
// fails on any 5xx and on any answer whose status, Content-Type or body the spec does not declare.
//
//   node scripts/contract.mjs        (npm test runs it after tap; `npm run contract` alone)
//
// Installs Schemathesis itself into .venv-contract/ (ignored by git) on first use, with the
// machine's python3 (PYTHON overrides), so CI needs nothing but Python 3 + pip. Starts the real
// service (src/server.ts) on a free port against NEO4J_URI with an admin API key, waits until it
// is ready, runs Schemathesis, stops the service with SIGTERM. Exit code: Schemathesis's.
//
// Environment: CONTRACT_MAX_EXAMPLES (default 15 per operation), CONTRACT_SEED (default 1).

import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { schemathesisLine } from './runner-lines.mjs';

const SCHEMATHESIS_VERSION = '4.32.5';
const CONTRACT_GRAPHS = ['acme-forum', 'contract-a', 'contract-b'];
const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const venvDir = path.join(repoDir, '.venv-contract');
const st = path.join(venvDir, 'bin', 'st');

function log(message) {
  console.log(`[contract] ${message}`);
}

function ensureSchemathesis() {
  const current = existsSync(st) ? spawnSync(st, ['--version'], { encoding: 'utf8' }).stdout ?? '' : '';
  if (current.includes(SCHEMATHESIS_VERSION)) return;
  const python = process.env.PYTHON || 'python3';
  log(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${venvDir} (first run only)`);
  const steps = [
    [python, ['-m', 'venv', venvDir]],
    [path.join(venvDir, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`]],
  ];
  for (const [command, args] of steps) {
    const r = spawnSync(command, args, { stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${r.status ?? r.error?.message})`);
  }
}

async function freePort() {
  const srv = net.createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = srv.address();
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

async function main() {
  ensureSchemathesis();
  const key = randomBytes(24).toString('hex');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const service = spawn(process.execPath, ['--import=tsx', path.join(repoDir, 'src', 'server.ts')], {
    cwd: repoDir,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: process.env.CONTRACT_LOG_LEVEL || 'error',
      // Admin scope, but only the graphs the spec's examples name: the fuzzer can exercise every
      // route without touching other graphs in the same database (e.g. those of running tests).
      API_KEYS: `admin:${createHash('sha256').update(key).digest('hex')}:${CONTRACT_GRAPHS.join('|')}`,
      // The fuzzer sends thousands of requests from one key.
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_JOBS_MAX: '1000000',
      MAX_ANALYSES_PER_KEY: '1000',
      // Analyses run in-process and may hold the event loop: the overload guard would then
      // answer its (documented) 503, which not_a_server_error counts as a failure. The guard
      // has its own test (test/http/plugins/limits.test.ts).
      MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = once(service, 'exit');
  try {
    let ready = false;
    for (let i = 0; i < 240 && !ready && service.exitCode === null; i++) {
      ready = (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200;
      if (!ready) await new Promise((r) => setTimeout(r, 250));
    }
    if (!ready) throw new Error('the service did not become ready');
    log(`service ready on ${base}; running schemathesis`);
    const args = [
      'run', path.join(repoDir, 'openapi.yaml'),
      '--url', base,
      '--header', `Authorization: Bearer ${key}`,
      '--checks', 'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance',
      '--max-examples', process.env.CONTRACT_MAX_EXAMPLES || '15',
      '--seed', process.env.CONTRACT_SEED || '1',
      '--workers', '1',
      // ?wait=N holds an answer up to 60 s.
      '--request-timeout', '90',
      '--generation-database', 'none',
      '--no-color',
      '--output-sanitize', 'true',
    ];
    // Schemathesis closes with pytest-style banners (`===== 2 warnings in 10.54s =====`) that
    // log readers take for a pytest run with no test: every line it prints is passed through
    // with a prefix and its `=` rules turned into `-`, so that the only runner-like summary of
    // `npm test` stays its final `tests: N passed, N failed` line.
    const st_ = spawn(st, args, { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
    const relay = (from, to) => {
      let rest = '';
      from.setEncoding('utf8');
      from.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) to.write(`${schemathesisLine(line)}\n`);
      });
      from.on('end', () => {
        if (rest !== '') to.write(`${schemathesisLine(rest)}\n`);
      });
    };
    relay(st_.stdout, process.stdout);
    relay(st_.stderr, process.stderr);
    const [code] = await once(st_, 'close');
    return code ?? 1;
  } finally {
    service.kill('SIGTERM');
    await exited;
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`[contract] ${err.message}`);
  process.exitCode = 1;
}
