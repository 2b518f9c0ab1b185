#!/usr/bin/env node
// `npm test`: type-check, OpenAPI drift check, the tap suite, then the contract test
// (scripts/contract.mjs: Schemathesis against the live service), failing fast.
//
// Without NEO4J_URI it first makes sure the local Neo4j of scripts/neo4j.mjs runs and points the
// tests at it. A server this script did not start is never stopped. One it started itself is
// stopped at the end when CI=true, and otherwise left running so the next run starts instantly.
//
// Extra arguments go to tap: `npm test -- test/analysis/louvain.test.ts --grep=seed`.
// Exit code: that of the first failing step, 0 when all pass.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const neo4jScript = path.join(repoDir, 'scripts', 'neo4j.mjs');
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

function run(command, args, label) {
  console.log(`\n[test] ${label}: ${[command, ...args].join(' ')}`);
  return new Promise((resolve) => {
    // npm/npx are .cmd shims on Windows, which only a shell can run.
    currentChild = spawn(command, args, { cwd: repoDir, stdio: 'inherit', shell: onWindows });
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

  // npx --no: fail instead of downloading a same-named package when a dev dependency is missing.
  const steps = [
    ['type-check', 'npx', ['--no', '--', 'tsc', '-p', 'tsconfig.json', '--noEmit']],
    ['openapi.yaml up to date', 'npm', ['run', 'openapi:check']],
    ['tests', 'npx', ['--no', '--', 'tap', ...tapArgs]],
  ];
  // The contract test (Schemathesis against the live service) runs with the whole suite, not
  // when tap is given a selection of files.
  if (tapArgs.length === 0) steps.push(['contract (schemathesis)', process.execPath, [path.join(repoDir, 'scripts', 'contract.mjs')]]);
  let exitCode = 0;
  for (const [label, command, args] of steps) {
    exitCode = interrupted ? 130 : await run(command, args, label);
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
  if (exitCode === 0) console.log('\n[test] all steps passed');
  return exitCode;
}

process.exitCode = await main();
