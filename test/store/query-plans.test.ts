/**
 * No statement of cypher/*.cypher scans a label where an index would serve it: each is
 * planned (EXPLAIN, nothing runs) against the real server, after a result was written so
 * that every label exists with some nodes, and its plan must hold no NodeByLabelScan or
 * AllNodesScan. Neo4j 5 seeks a composite index (e.g. ResultBlock (analysisId, kind, seq))
 * only when every property of the index has a predicate: a MATCH on the leading property
 * alone turns into a scan of every node of the label, which is what this catches.
 * SCANS_BY_DESIGN lists the statements that read every node of a label on purpose.
 */
import t from 'tap';
import { CypherFiles } from '../../src/store/cypher-files.js';
import { createRunning, database, newGraph, openStore, queuedAnalysis, smallGraphInteractions, smallResult, TEST_OWNER, toColumnar } from './helpers.js';

/** Statements that visit every node of a label by design (statement index in the file). */
const SCANS_BY_DESIGN: Record<string, string> = {
  // Counts analyses of every status (one pass over all of them).
  'analysis-count-by-status#0': 'a:Analysis',
  // Looks for a token in every idempotency record's stored body (erasure).
  'erasure-idempotency#0': 'k:IdempotencyKey',
  // Counts every ledger entry by key.
  'erasure-ledger-keys#0': 'e:Erasure',
  // Lists (and counts) every graph.
  'graph-list#0': 'g:Graph',
  // At start-up: the rows of every analysis that is neither succeeded nor held.
  'result-sweep#0': 'b:ResultBlock',
};
/** Not planned: DDL (schema files). */
const SKIPPED = new Set(['schema', 'idempotency-schema', 'schema-await']);

interface PlanNode {
  operatorType: string;
  arguments?: Record<string, unknown>;
  children?: PlanNode[];
}

/** Every scan operator of a plan, with what it scans ("n:Niche"). */
function scans(plan: PlanNode, out: string[] = []): string[] {
  if (/^(NodeByLabelScan|AllNodesScan)/.test(plan.operatorType)) out.push(`${plan.operatorType.replace(/@.*/, '')} ${String(plan.arguments?.Details ?? '')}`);
  for (const child of plan.children ?? []) scans(child, out);
  return out;
}

const { store, driver } = await openStore(t);
const files = new CypherFiles();

t.test('no statement scans a label where an index serves it', async (t) => {
  // Some nodes of every result label (an empty label can be planned differently).
  const g = await newGraph(t, store, 'plans');
  await store.ingest(g, { interactions: smallGraphInteractions(), accounts: [] });
  const a = queuedAnalysis(g);
  await createRunning(store, a);
  await store.writeResult(a.id, toColumnar(smallResult()), new Date().toISOString(), TEST_OWNER);

  let planned = 0;
  for (const name of files.names()) {
    if (SKIPPED.has(name)) continue;
    const statements = files.statements(name);
    for (let i = 0; i < statements.length; i++) {
      const key = `${name}#${i}`;
      // replan=force: planned now, never a plan cached earlier (e.g. on an empty database).
      const res = await driver.executeQuery(`CYPHER replan=force EXPLAIN ${statements[i]}`, {}, { database });
      const found = scans(res.summary.plan as unknown as PlanNode);
      planned++;
      if (key in SCANS_BY_DESIGN) continue;
      t.same(found, [], `${key} plans without a label scan`);
    }
  }
  t.ok(planned > 60, `${planned} statements planned`);
});

t.test('the statements named by design still scan (the list stays current)', async (t) => {
  for (const [key, what] of Object.entries(SCANS_BY_DESIGN)) {
    const [name, index] = key.split('#') as [string, string];
    const res = await driver.executeQuery(`EXPLAIN ${files.statements(name)[Number(index)]}`, {}, { database });
    t.ok(scans(res.summary.plan as unknown as PlanNode).some((s) => s.includes(what)), `${key} scans ${what}`);
  }
});
