// Events between the members of one niche per UTC day (src/store/niche-activity.ts): every
// INTERACTED relationship with both ends in $ids (self-loops left out, as the analysis
// does), a timestamp in [$from, $to] and a type the analysis did not weight 0. A folded
// relationship (src/store/fold.ts) counts as its `count` events on its day; others as one.
// `day` is the UTC day's start, epoch ms (floor, so that times before 1970 fall in their day).
// $ids is one list for every row, which Neo4j checks as a set.
// Params: $graphId, $ids (member account ids), $from, $to (epoch ms, inclusive), $droppedTypes.
UNWIND $ids AS id
MATCH (s:Account {graphId: $graphId, id: id})
MATCH (s)-[r:INTERACTED]->(t:Account)
WHERE t.id IN $ids AND t <> s AND t.graphId = $graphId
  AND r.ts >= $from AND r.ts <= $to
  AND NOT coalesce(r.type, 'unknown') IN $droppedTypes
WITH r.ts - ((r.ts % 86400000) + 86400000) % 86400000 AS day, coalesce(r.count, 1) AS events
RETURN day, sum(events) AS events
ORDER BY day
