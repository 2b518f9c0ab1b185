// What `npm test` prints must end in one runner-like summary only: `tests: N passed, N failed`.
// Log readers (CI among them) judge a run from the closing lines of the runners they know, and
// Schemathesis closes with pytest-style banners such as `===== 2 warnings in 10.54s =====`,
// which read as a pytest run with no test. scripts/contract.mjs passes every Schemathesis line
// through schemathesisLine; test/scripts/runner-lines.test.ts checks the rewrite against
// looksLikeRunnerSummary.

/** One line of Schemathesis's output as we show it: prefixed, `=` rules (3 or more) as `-`. */
export function schemathesisLine(line) {
  return `[schemathesis] ${line.replace(/={3,}/g, (rule) => '-'.repeat(rule.length))}`;
}

// Closing lines of runners that log readers know: pytest's banner summary, node:test's and
// Jest/Vitest's counts, mocha's `N passing`, a bare `N passed, N failed`.
const RUNNER_SUMMARIES = [
  /^=+ .*\b(passed|failed|error|errors|warnings?|skipped|no tests ran)\b.* in [\d.]+s\b.*=+$/,
  /^# (tests|pass|fail) \d+$/,
  /^(Tests|Test Files|Test Suites):\s+\d+/,
  /^\s*\d+ passing \(/,
  /^\d+ passed(, \d+ failed)?(, \d+ skipped)?$/,
  /^tests: \d+ passed, \d+ failed(, \d+ skipped)?$/,
];

/** True when a log reader could take the line for a test runner's closing summary. */
export function looksLikeRunnerSummary(line) {
  const plain = line.replace(/\x1b\[[0-9;]*m/g, '').trimEnd();
  return RUNNER_SUMMARIES.some((pattern) => pattern.test(plain));
}

// tap's closing summary: `# { total: 8796, pass: 8790, fail: 2, skip: 4 }` (absent keys are 0).
export function tapCounts(text) {
  const line = text.match(/^# \{ total: \d+[^}]*\}\s*$/m)?.[0];
  if (!line) return undefined;
  const count = (key) => Number(line.match(new RegExp(`\\b${key}: (\\d+)`))?.[1] ?? 0);
  return { passed: count('pass'), failed: count('fail'), skipped: count('skip') + count('todo') };
}

// Schemathesis's summary: `Test cases:` then `  876 generated, 870 passed, 6 failed, 2 skipped`
// (scripts/contract.mjs prefixes each of its lines with `[schemathesis]`)
// (the parts after `generated` vary with the outcome).
export function schemathesisCounts(text) {
  const line = text.match(/^(?:\[schemathesis\])?\s*\d+ generated\b.*$/m)?.[0];
  if (!line) return undefined;
  const count = (key) => Number(line.match(new RegExp(`(\\d+) ${key}`))?.[1] ?? 0);
  return { passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}
