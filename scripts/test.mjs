#!/usr/bin/env node
// `npm test`: type-check (service and explorer page), the explorer's build, OpenAPI drift check, the tap suite, then the contract test
// (scripts/contract.mjs: Schemathesis against the live service), failing fast.
//
// Without NEO4J_URI it first makes sure the local Neo4j of scripts/neo4j.mjs runs and points the
// tests at it. A server this script did not start is never stopped. One it started itself is
// stopped at the end when CI=true, and otherwise left running so the next run starts instantly.
//
// Likewise without REDIS_URL it makes sure the local Redis of scripts/redis.mjs runs (the fleet
// tests need one) and points the tests at it, stopping it at the end only when it started it and
// CI=true.
//
// Extra arguments go to tap: `npm test -- test/analysis/louvain.test.ts --grep=seed`.
// Exit code: that of the first failing step, 0 when all pass.
//
// The last line is a plain count over tap's assertions and Schemathesis's test cases,
// `tests: N passed, N failed[, N skipped]`, for log readers that know neither format. Both steps'
// outputs are passed through and read as they go; on a terminal tap is told to keep its colours
// (its default reporter then), which it would drop when writing to our pipe.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { schemathesisCounts, tapCounts } from './runner-lines.mjs';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const neo4jScript = path.join(repoDir, 'scripts', 'neo4j.mjs');
const redisScript = path.join(repoDir, 'scripts', 'redis.mjs');
const tapArgs = process.argv.slice(2);
const onWindows = process.platform === 'win32';

let currentChild;
let interrupted = false;
// Ctrl-C reaches the running step through the terminal's process group; a SIGTERM sent to this
// process alone (a CI timeout) is passed on. Either way we fall through to the clean-up below.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = true;
    if (signal === 'SIGTERM') currentChild?.kill('SIGTERM');
  });
}

// Keeps the tail of a step's stdout (the summaries are at the end) while passing it all through.
const TAIL_CHARS = 64 * 1024;

function run(command, args, label, capture) {
  console.log(`\n[test] ${label}: ${[command, ...args].join(' ')}`);
  return new Promise((resolve) => {
    // npm/npx are .cmd shims on Windows, which only a shell can run.
    const stdio = capture ? ['inherit', 'pipe', 'inherit'] : 'inherit';
    currentChild = spawn(command, args, { cwd: repoDir, stdio, shell: onWindows });
    if (capture) {
      capture.text = '';
      currentChild.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        // Colour codes are dropped from what is read, not from what is shown.
        const plain = chunk.toString('utf8').replace(/\x1b\[[0-9;]*m/g, '');
        capture.text = (capture.text + plain).slice(-TAIL_CHARS);
      });
    }
    currentChild.once('error', (error) => {
      console.error(`[test] could not run ${command}: ${error.message}`);
      resolve(1);
    });
    currentChild.once('exit', (code, signal) => {
      currentChild = undefined;
      resolve(code ?? (signal ? 128 + (signalNumbers[signal] ?? 0) : 1));
    });
  });
}

const signalNumbers = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

async function main() {
  let startedNeo4jHere = false;
  if (!process.env.NEO4J_URI) {
    // status: 0 running and answering, 3 not running, else running but not answering (yet).
    const statusCode = await run(process.execPath, [neo4jScript, 'status'], 'is the local Neo4j running');
    if (statusCode !== 0) {
      // start waits for a server that is still coming up instead of starting a second one.
      const code = await run(process.execPath, [neo4jScript, 'start'], 'local Neo4j');
      if (code !== 0) return code;
      startedNeo4jHere = statusCode === 3;
    }
    process.env.NEO4J_URI = `bolt://127.0.0.1:${process.env.NEO4J_BOLT_PORT || 7687}`;
  }
  console.log(`[test] NEO4J_URI=${process.env.NEO4J_URI}`);

  let startedRedisHere = false;
  if (!process.env.REDIS_URL) {
    const statusCode = await run(process.execPath, [redisScript, 'status'], 'is the local Redis running');
    if (statusCode !== 0) {
      const code = await run(process.execPath, [redisScript, 'start'], 'local Redis');
      if (code !== 0) return code;
      startedRedisHere = statusCode === 3;
    }
    process.env.REDIS_URL = `redis://127.0.0.1:${process.env.REDIS_PORT || 6379}`;
  }
  console.log(`[test] REDIS_URL=${process.env.REDIS_URL}`);
  // The services the tests start skip the spare worker's warm-up (a few CPU seconds each on
  // both cores, in a suite that starts many); test/jobs/warm-up.test.ts runs it on purpose.
  process.env.ANALYSIS_WARM_UP ??= 'false';

  // npx --no: fail instead of downloading a same-named package when a dev dependency is missing.
  const steps = [
    ['type-check', 'npx', ['--no', '--', 'tsc', '-p', 'tsconfig.json', '--noEmit']],
    ['type-check (explorer page)', 'npx', ['--no', '--', 'tsc', '-p', 'web/tsconfig.json']],
    // The explorer's assets, for the browser tests (skipped when up to date).
    ['build the explorer page', process.execPath, [path.join(repoDir, 'scripts', 'build-explorer.mjs'), '--if-stale']],
    ['openapi.yaml up to date', 'npm', ['run', 'openapi:check']],
    ['tests', 'npx', ['--no', '--', 'tap', ...(process.stdout.isTTY ? ['--color'] : []), ...tapArgs]],
  ];
  // The contract test (Schemathesis against the live service) runs with the whole suite, not
  // when tap is given a selection of files.
  if (tapArgs.length === 0) steps.push(['contract (schemathesis)', process.execPath, [path.join(repoDir, 'scripts', 'contract.mjs')]]);
  // Which steps' outputs are counted, and how.
  const counters = { tests: tapCounts, 'contract (schemathesis)': schemathesisCounts };
  const totals = { passed: 0, failed: 0, skipped: 0 };
  let exitCode = 0;
  for (const [label, command, args] of steps) {
    const capture = counters[label] ? {} : undefined;
    exitCode = interrupted ? 130 : await run(command, args, label, capture);
    const counts = capture && counters[label](capture.text);
    if (counts) for (const key of Object.keys(totals)) totals[key] += counts[key];
    // A failing step whose output shows no failure (or could not be counted) still counts as
    // one failure (e.g. the contract step's own check that every operation answered a 2xx).
    if (exitCode !== 0 && (!counts || counts.failed === 0)) totals.failed += 1;
    if (exitCode !== 0) {
      console.error(`\n[test] FAILED at "${label}" (exit code ${exitCode})`);
      break;
    }
  }

  if (startedNeo4jHere) {
    if (process.env.CI === 'true') {
      await run(process.execPath, [neo4jScript, 'stop'], 'stop the Neo4j this run started');
    } else {
      console.log('\n[test] the local Neo4j started by this run is left running for faster re-runs (npm run neo4j:stop)');
    }
  }
  if (startedRedisHere) {
    if (process.env.CI === 'true') await run(process.execPath, [redisScript, 'stop'], 'stop the Redis this run started');
    else console.log('[test] the local Redis started by this run is left running (npm run redis:stop)');
  }
  if (exitCode === 0) console.log('\n[test] all steps passed');
  const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
  return exitCode;
}

process.exitCode = await main();
