// Reserves $count niche ids of a graph (after niche-ids-lock, in the same transaction): the
// graph's counter nicheIdsNext moves by $count and the first reserved k is returned (ids
// "n<k>" .. "n<k + count - 1>"). A graph analysed before the counter existed starts above
// every "n<k>" id its niches carry (they were ranks, reused by every analysis).
// Params: $graphId, $count (integer >= 0).
MATCH (g:Graph {id: $graphId})
// The niches are read only while the counter is unset (once per graph): an aggregation
// without grouping keys answers one row even when the WHERE lets nothing through.
CALL (g) {
  WITH g WHERE g.nicheIdsNext IS NULL
  MATCH (n:Niche {graphId: $graphId})
  WHERE n.id =~ 'n[0-9]{1,15}'
  RETURN coalesce(max(toInteger(substring(n.id, 1))) + 1, 0) AS above
}
WITH g, coalesce(g.nicheIdsNext, above) AS first
SET g.nicheIdsNext = first + $count
RETURN first
