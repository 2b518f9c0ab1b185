// One page of graphs ordered by createdAt then id, with the total. Graphs being deleted are hidden.
// Params: $offset, $limit (integers), $only (list of graph ids to keep, or null for all).
CALL () {
  MATCH (g:Graph) WHERE g.deleting IS NULL AND ($only IS NULL OR g.id IN $only)
  RETURN count(g) AS total
}
CALL () {
  MATCH (g:Graph) WHERE g.deleting IS NULL AND ($only IS NULL OR g.id IN $only)
  WITH g ORDER BY g.createdAt, g.id
  SKIP $offset LIMIT $limit
  RETURN collect(g {.id, .name, .description, .createdAt, fold: coalesce(g.fold, 'none')}) AS items
}
RETURN total, items
