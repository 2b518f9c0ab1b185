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
// Before the run it seeds data through the API (a graph with interactions, a finished analysis)
// and hands their ids to Schemathesis through scripts/contract/schemathesis.toml (and
// scripts/contract/hooks.py makes a new graph or analysis for each DELETE), so that the operations on /v1/analyses/... reach the core
// instead of answering 404. After it, it reads the service's request metrics and fails unless
// every operation of the spec answered at least one 2xx during the run, and deletes the graphs
// the run created.
//
// Environment: CONTRACT_MAX_EXAMPLES (default 15 per operation), CONTRACT_SEED (default 1).

import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { once } from 'node:events';
import { schemathesisLine } from './runner-lines.mjs';

const SCHEMATHESIS_VERSION = '4.32.5';
const stamp = Date.now().toString(36);
// The seeded graphs (unique per run, so a developer's database may keep old ones), plus the
// spec examples' id, which the fuzzer sends too.
const SEEDED = { graph: `contract-${stamp}` };
const CONTRACT_GRAPHS = ['acme-forum', SEEDED.graph];
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

/** A small JSON client for seeding, with the given key. */
function client(base, key) {
  // headers: extra ones; a string body is sent as it is (a streamed NDJSON upload).
  return async (method, url, body, headers = {}) => {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`seeding: ${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
    return text === '' ? null : JSON.parse(text);
  };
}

/** Three tight groups of eight accounts with a few bridges: an analysis finds niches with members. */
function seedInteractions() {
  const out = [];
  const types = ['reply', 'mention', 'share'];
  for (let g = 0; g < 3; g++) {
    for (let i = 0; i < 8; i++) {
      for (let j = 0; j < 8; j++) {
        if (i === j || (i + j) % 3 === 0) continue;
        out.push({ source: `g${g}u${i}`, target: `g${g}u${j}`, type: types[(i + j) % 3], weight: 1 + ((i * j) % 3), timestamp: 1763631000000 + i * 3600000 });
      }
    }
  }
  out.push({ source: 'g0u0', target: 'g1u0', type: 'mention' }, { source: 'g1u1', target: 'g2u1', type: 'reply' }, { source: 'g2u2', target: 'g0u2', weight: -2 });
  return out;
}

async function seed(call) {
  await call('POST', '/v1/graphs', { id: SEEDED.graph, name: 'contract test graph' });
  await call('POST', `/v1/graphs/${SEEDED.graph}/interactions`, { interactions: seedInteractions() });
  // A resumable upload (Upload-Id), for GET /v1/graphs/{graphId}/uploads/{uploadId}.
  const upload = `contract-upload-${stamp}`;
  await call('POST', `/v1/graphs/${SEEDED.graph}/interactions`, '{"source":"g0u0","target":"g0u1","type":"reply"}\n', {
    'content-type': 'application/x-ndjson',
    'upload-id': upload,
  });
  const analysis = await call('POST', `/v1/graphs/${SEEDED.graph}/analyses?wait=60`, { runs: 5, seed: 3 });
  if (analysis.status !== 'succeeded') throw new Error(`seeding: the analysis ended ${analysis.status} (${analysis.error ?? ''})`);
  const niches = await call('GET', `/v1/analyses/${analysis.id}/niches`);
  const niche = niches.items.find((n) => !n.unassigned) ?? niches.items[0];
  const members = await call('GET', `/v1/analyses/${analysis.id}/niches/${niche.id}/members`);
  return {
    CONTRACT_GRAPH: SEEDED.graph,
    // Graphs made for DELETE /v1/graphs/{graphId} calls (scripts/contract/hooks.py).
    CONTRACT_DISPOSABLE_PREFIX: `${SEEDED.graph}-del-`,
    CONTRACT_ANALYSIS: analysis.id,
    CONTRACT_NICHE: niche.id,
    CONTRACT_ACCOUNT: members.items[0].accountId,
    CONTRACT_UPLOAD: upload,
  };
}

/** Answers per operation (METHOD route pattern): 2xx ones and all, from the service's request-duration counters. */
async function answers(base, key) {
  const text = await (await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${key}` } })).text();
  const ok = new Map();
  const all = new Map();
  for (const m of text.matchAll(/^http_request_duration_seconds_count\{method="([A-Z]+)",route="([^"]+)",status_code="(\d\d\d)"\} (\d+)$/gm)) {
    const op = `${m[1]} ${m[2]}`;
    all.set(op, (all.get(op) ?? 0) + Number(m[4]));
    if (m[3].startsWith('2')) ok.set(op, (ok.get(op) ?? 0) + Number(m[4]));
  }
  return { ok, all };
}

/** The operations of openapi.yaml as METHOD + Fastify route pattern. */
function specOperations() {
  const spec = readFileSync(path.join(repoDir, 'openapi.yaml'), 'utf8');
  const ops = [];
  let current = null;
  for (const line of spec.split('\n')) {
    const p = /^  (\/\S*):$/.exec(line);
    if (p) current = p[1].replace(/\{([^}]+)\}/g, ':$1');
    const m = /^    (get|post|put|patch|delete):$/.exec(line);
    if (m && current) ops.push(`${m[1].toUpperCase()} ${current}`);
  }
  return ops;
}

async function main() {
  ensureSchemathesis();
  const key = randomBytes(24).toString('hex');
  const createKey = randomBytes(24).toString('hex');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The service's log (warnings and errors) goes to a file, printed only when the run fails:
  // a failure then comes with the service's own account of it.
  mkdirSync(path.join(repoDir, '.schemathesis'), { recursive: true });
  const serviceLogFile = path.join(repoDir, '.schemathesis', `service-${stamp}.log`);
  const serviceLog = createWriteStream(serviceLogFile);
  const service = spawn(process.execPath, ['--import=tsx', path.join(repoDir, 'src', 'server.ts')], {
    cwd: repoDir,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: process.env.CONTRACT_LOG_LEVEL || 'warn',
      // The embedded mode: the service runs its analyses itself (npm test sets REDIS_URL for the fleet tests).
      REDIS_URL: '',
      // Admin scope, but only the graphs the spec's examples name: the fuzzer can exercise every
      // route without touching other graphs in the same database (e.g. those of running tests).
      API_KEYS:
        `admin:${createHash('sha256').update(key).digest('hex')}:${CONTRACT_GRAPHS.join('|')},` +
        `write:${createHash('sha256').update(createKey).digest('hex')}`,
      // Every analysis the fuzzer starts is accepted (the queue's 503 has its own test).
      ANALYSIS_QUEUE_LIMIT: '10000',
      ANALYSIS_CONCURRENCY: '2',
      // The fuzzer sends thousands of requests from one key.
      RATE_LIMIT_MAX: '1000000',
      RATE_LIMIT_ADDRESS_MAX: '1000000',
      RATE_LIMIT_JOBS_MAX: '1000000',
      MAX_ANALYSES_PER_KEY: '1000',
      // Analyses run in-process and may hold the event loop: the overload guard would then
      // answer its (documented) 503, which not_a_server_error counts as a failure. The guard
      // has its own test (test/http/plugins/limits.test.ts).
      MAX_EVENT_LOOP_DELAY_MS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  service.stdout.pipe(serviceLog, { end: false });
  service.stderr.pipe(serviceLog, { end: false });
  const exited = once(service, 'exit');
  let failed = true;
  try {
    let ready = false;
    for (let i = 0; i < 240 && !ready && service.exitCode === null; i++) {
      ready = (await fetch(`${base}/health/ready`).catch(() => null))?.status === 200;
      if (!ready) await new Promise((r) => setTimeout(r, 250));
    }
    if (!ready) throw new Error('the service did not become ready');
    const call = client(base, key);
    const openCall = client(base, createKey);
    const createdFile = path.join(repoDir, '.schemathesis', `created-${stamp}.txt`);
    mkdirSync(path.dirname(createdFile), { recursive: true });
    writeFileSync(createdFile, '');
    const seeded = await seed(call);
    log(`service ready on ${base}; seeded ${Object.entries(seeded).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    const before = await answers(base, key);
    const args = [
      '--config-file', path.join(repoDir, 'scripts', 'contract', 'schemathesis.toml'),
      'run', path.join(repoDir, 'openapi.yaml'),
      '--url', base,
      // The API key is in the config file (headers), so that one operation can use another.
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
    const st_ = spawn(st, args, { cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'], env: {
        ...process.env,
        ...seeded,
        CONTRACT_BASE_URL: base,
        CONTRACT_KEY: key,
        CONTRACT_CREATE_KEY: createKey,
        CONTRACT_CREATED_FILE: createdFile,
        SCHEMATHESIS_HOOKS: path.join(repoDir, 'scripts', 'contract', 'hooks.py'),
      },
    });
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

    // Every operation must have reached its core at least once: a 2xx during the run.
    const after = await answers(base, key);
    const during = (counts, op) => (after[counts].get(op) ?? 0) - (before[counts].get(op) ?? 0);
    const missing = [];
    const report = specOperations().map((op) => {
      const n = during('ok', op);
      if (n <= 0) missing.push(op);
      return `${op} ${n}/${during('all', op)}`;
    });
    log(`2xx answers of all answers per operation during the run: ${report.join('; ')}`);
    // The graphs this run created (seeded, and noted by hooks.py) are removed, and no other.
    const created = [SEEDED.graph, ...readFileSync(createdFile, 'utf8').split('\n').filter((id) => id !== '')];
    let deleted = 0;
    for (const id of new Set(created)) {
      const res = await fetch(`${base}/v1/graphs/${encodeURIComponent(id)}`, { method: 'DELETE', headers: { authorization: `Bearer ${createKey}` } });
      if (res.status === 204) deleted++;
    }
    rmSync(createdFile, { force: true });
    log(`deleted the ${deleted} graphs the run created and left`);
    if (missing.length > 0) {
      console.error(`[contract] FAILED: no 2xx answer during the run for ${missing.join(', ')}`);
      return code === 0 ? 1 : code;
    }
    failed = code !== 0;
    return code ?? 1;
  } finally {
    service.kill('SIGTERM');
    await exited;
    await new Promise((resolve) => serviceLog.end(resolve));
    if (failed) printServiceLog(serviceLogFile);
    else rmSync(serviceLogFile, { force: true });
  }
}

/** The service's last warnings and errors, one compact line each (pino JSON lines). */
function printServiceLog(file) {
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const shown = lines.slice(-40);
  log(`the service's last ${shown.length} of ${lines.length} log lines (all in ${path.relative(repoDir, file)}):`);
  for (const line of shown) {
    let text = line;
    try {
      const e = JSON.parse(line);
      const err = e.err ? ` err=${e.err.type ?? ''}: ${e.err.message ?? ''}${e.err.code ? ` (${e.err.code})` : ''}` : '';
      text = `level=${e.level} ${e.msg ?? ''}${e.analysisId ? ` analysisId=${e.analysisId}` : ''}${e.reqId ? ` reqId=${e.reqId}` : ''}${err}`;
    } catch {
      // not JSON: shown as it is
    }
    console.error(`[contract] service: ${text.slice(0, 500)}`);
  }
}

try {
  process.exitCode = await main();
} catch (err) {
  console.error(`[contract] ${err.message}`);
  process.exitCode = 1;
}
