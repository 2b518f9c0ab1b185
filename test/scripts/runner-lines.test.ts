import t from 'tap';
import { looksLikeRunnerSummary, schemathesisCounts, schemathesisLine, tapCounts } from '../../scripts/runner-lines.mjs';

// The closing part of what Schemathesis 4.32 printed in the contract step of a CI run.
const SCHEMATHESIS_TAIL = `=================================== SUMMARY ====================================

API Operations:
  Selected: 13/13
  Tested: 13

Test cases:
  876 generated, 876 passed

Seed: 1

============================= 2 warnings in 10.54s =============================`;

t.test('the detector knows the closing lines CI reads', async (t) => {
  t.ok(looksLikeRunnerSummary('============================= 2 warnings in 10.54s ============================='));
  t.ok(looksLikeRunnerSummary('======================== 12 passed, 1 failed in 3.20s ========================'));
  t.ok(looksLikeRunnerSummary('# pass 12'));
  t.ok(looksLikeRunnerSummary('Tests:       3 passed, 3 total'));
  t.ok(looksLikeRunnerSummary('  14 passing (2s)'));
  t.ok(looksLikeRunnerSummary('tests: 9920 passed, 0 failed'));
  t.notOk(looksLikeRunnerSummary('[test] all steps passed'));
  t.notOk(looksLikeRunnerSummary('# { total: 9044, pass: 9044 }'));
});

t.test("Schemathesis's output as npm test shows it has no runner-like line", async (t) => {
  const raw = SCHEMATHESIS_TAIL.split('\n');
  t.ok(raw.some(looksLikeRunnerSummary), 'the raw output has one (the fixture is realistic)');
  const shown = raw.map(schemathesisLine);
  t.same(shown.filter(looksLikeRunnerSummary), []);
  t.ok(shown.every((line) => line.startsWith('[schemathesis] ')));
  t.equal(shown.at(-1), `[schemathesis] ${'-'.repeat(29)} 2 warnings in 10.54s ${'-'.repeat(29)}`);
});

t.test('the counts are read from the prefixed summary and from tap', async (t) => {
  const shown = SCHEMATHESIS_TAIL.split('\n').map(schemathesisLine).join('\n');
  t.same(schemathesisCounts(shown), { passed: 876, failed: 0, skipped: 0 });
  t.same(schemathesisCounts(schemathesisLine('  880 generated, 870 passed, 6 failed, 4 skipped')), { passed: 870, failed: 6, skipped: 4 });
  t.same(tapCounts('ok 1\n# { total: 12, pass: 10, fail: 1, skip: 1 }\n# time=1ms\n'), { passed: 10, failed: 1, skipped: 1 });
  t.equal(tapCounts('no summary'), undefined);
});
