// The latest timestamp of a graph's interactions in a projection's window: the reference
// time of a time decay without `to` (src/store/projection.ts). Same filters as
// project-graph.cypher; null when no interaction of the window has a timestamp.
// Params: $graphId, $from, $to (epoch ms or null), $droppedTypes (list).
MATCH (s:Account {graphId: $graphId})-[r:INTERACTED]->()
WHERE r.ts IS NOT NULL AND ($from IS NULL OR r.ts >= $from) AND ($to IS NULL OR r.ts < $to)
  AND NOT coalesce(r.type, 'unknown') IN $droppedTypes
RETURN max(r.ts) AS latest
