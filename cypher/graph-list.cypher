// One page of graphs ordered by createdAt then id, with the total. Graphs being deleted are hidden.
// Params: $offset, $limit (integers).
CALL () {
  MATCH (g:Graph) WHERE g.deleting IS NULL
  RETURN count(g) AS total
}
CALL () {
  MATCH (g:Graph) WHERE g.deleting IS NULL
  WITH g ORDER BY g.createdAt, g.id
  SKIP $offset LIMIT $limit
  RETURN collect(g {.id, .name, .description, .createdAt}) AS items
}
RETURN total, items
