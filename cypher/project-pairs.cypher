// Aggregated interaction graph of one graph, one row per ordered pair (source, target).
// weighted = weight * typeWeights[type] (type not listed -> 1; a type weighted 0 is dropped),
// optional time window [from, to) on ts (interactions without ts fail the test when a
// bound is set), positive and |negative| weighted sums kept apart, pairs whose
// positive + negative is below minWeight dropped. Per pair also: the events per type
// (parallel lists types/typeCounts) and the first and last timestamp (null when no event
// of the pair has one).
// Aggregated per source account inside a subquery, so rows stream as soon as the first
// source is done and the server never holds a table of every pair. Unordered: the store
// sorts in JS. Params: $graphId, $typeWeights (map), $from, $to (epoch ms or null), $minWeight.
MATCH (s:Account {graphId: $graphId})
CALL (s) {
  MATCH (s)-[r:INTERACTED]->(t:Account)
  WHERE ($from IS NULL OR r.ts >= $from) AND ($to IS NULL OR r.ts < $to)
  WITH t, r, coalesce($typeWeights[r.type], 1.0) AS typeWeight
  WHERE typeWeight <> 0
  WITH t, r.type AS type, r.ts AS ts, r.weight * typeWeight AS w
  WITH t, type,
       sum(CASE WHEN w > 0 THEN w ELSE 0.0 END) AS positive,
       sum(CASE WHEN w < 0 THEN -w ELSE 0.0 END) AS negative,
       count(*) AS count, min(ts) AS firstTs, max(ts) AS lastTs
  WITH t, sum(positive) AS positive, sum(negative) AS negative, sum(count) AS count,
       collect(type) AS types, collect(count) AS typeCounts, min(firstTs) AS firstTs, max(lastTs) AS lastTs
  WHERE positive + negative >= $minWeight
  RETURN t.id AS target, positive, negative, count, types, typeCounts, firstTs, lastTs
}
RETURN s.id AS source, target, positive, negative, count, types, typeCounts, firstTs, lastTs
