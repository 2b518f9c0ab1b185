// One batch of community rows of an analysis (staged: invisible until result-begin), each
// linked from its niches: (:Community)-[:OF_ANALYSIS]->(:Analysis) and
// (:Niche)-[:IN_COMMUNITY]->(:Community). Written after the niches (result-niches).
// rank: 0 = largest community (id "c" + rank); nicheIds: its niches, largest first;
// unassigned: its accounts in the unassigned group.
// writer: $owner, the lease holder that staged it (result-begin checks it).
// Params: $analysisId, $graphId, $owner, $rows: [{id, rank, size, density, conductance, nicheIds, unassigned}].
// MERGE on the community's key, so that a retried transaction rewrites rather than fails.
MATCH (a:Analysis {id: $analysisId})
UNWIND $rows AS row
MERGE (c:Community {analysisId: $analysisId, id: row.id})
SET c += {
  graphId: $graphId, writer: $owner, rank: row.rank, size: row.size, density: row.density,
  conductance: row.conductance, nicheIds: row.nicheIds, niches: size(row.nicheIds),
  unassigned: row.unassigned
}
MERGE (c)-[:OF_ANALYSIS]->(a)
WITH c, row
CALL (c, row) {
  UNWIND row.nicheIds AS nicheId
  MATCH (n:Niche {analysisId: $analysisId, id: nicheId})
  MERGE (n)-[:IN_COMMUNITY]->(c)
  RETURN count(n) AS linked
}
RETURN count(c) AS communities, sum(linked) AS linked
