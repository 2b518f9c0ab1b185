// One batch of community rows of an analysis (staged: invisible until result-begin):
// (:Community)-[:OF_ANALYSIS]->(:Analysis). Written before the niches, which link themselves
// to their community (result-niches: IN_COMMUNITY).
// rank: 0 = largest community (id "c" + rank); nicheIds: its niches, largest first;
// unassigned: its accounts in the unassigned group.
// writer: $owner, the lease holder that staged it (result-begin checks it).
// Params: $analysisId, $graphId, $owner, $rows: [{id, rank, size, density, conductance, nicheIds, unassigned}].
// CREATE, not MERGE (a MERGE cost a quarter more of the server's CPU, bench/README.md
// "Persistence, shift 6"): a transaction the driver retries after its commit went through
// is told so by result-rows-written and writes nothing.
MATCH (a:Analysis {id: $analysisId})
UNWIND $rows AS row
CREATE (c:Community {
  analysisId: $analysisId, id: row.id, graphId: $graphId, writer: $owner, rank: row.rank,
  size: row.size, density: row.density, conductance: row.conductance, nicheIds: row.nicheIds,
  niches: size(row.nicheIds), unassigned: row.unassigned
})
CREATE (c)-[:OF_ANALYSIS]->(a)
RETURN count(c) AS communities
