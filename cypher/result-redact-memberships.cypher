// A redaction's IN_NICHE relationships (what Neo4j Browser reads), four statements run in
// order in the redaction's transaction. Params (each statement uses some): $analysisId,
// $graphId, $erasedIds, $rows: [{id, erasedRanks}] (the niches that lost members, with the
// ranks those had), $promoted: [{nicheId, accountId, rank, score, centrality, ties,
// positiveShare, role, confidence}] (the first three trusted members of those niches now), $changed (ids
// whose top ties pointed at an erased account).

// The erased accounts' memberships.
UNWIND $erasedIds AS id
MATCH (:Account {graphId: $graphId, id: id})-[m:IN_NICHE {analysisId: $analysisId}]->()
DELETE m
RETURN count(*) AS removed;

// Ranks close up behind the erased members.
UNWIND $rows AS row
MATCH (n:Niche {analysisId: $analysisId, id: row.id})<-[m:IN_NICHE]-()
SET m.rank = m.rank - size([r IN row.erasedRanks WHERE r < m.rank])
RETURN count(*) AS ranked;

// The first three trusted members of those niches have a membership (writeBack 'compact'
// wrote one for those and the bridges only, result-writing.ts BROWSER_TRUSTED_LINKS: one who
// moved up gets it).
UNWIND $promoted AS p
MATCH (n:Niche {analysisId: $analysisId, id: p.nicheId})
MATCH (a:Account {graphId: $graphId, id: p.accountId})
WHERE NOT EXISTS { (a)-[:IN_NICHE {analysisId: $analysisId}]->(n) }
CREATE (a)-[:IN_NICHE {
  analysisId: $analysisId, rank: p.rank, score: p.score, centrality: p.centrality, ties: p.ties,
  positiveShare: p.positiveShare, role: p.role, confidence: p.confidence
}]->(n)
RETURN count(*) AS created;

// writeBack 'full': top-tie lists on the relationships lose the erased ids.
UNWIND $changed AS id
MATCH (:Account {graphId: $graphId, id: id})-[m:IN_NICHE {analysisId: $analysisId}]->()
WHERE m.tieIds IS NOT NULL
WITH m, [k IN range(0, size(m.tieIds) - 1) WHERE NOT m.tieIds[k] IN $erasedIds] AS keep
SET m.tieIds = [k IN keep | m.tieIds[k]], m.tieWeights = [k IN keep | m.tieWeights[k]],
    m.tieOverlaps = [k IN keep | m.tieOverlaps[k]], m.tieSameNiche = [k IN keep | m.tieSameNiche[k]]
RETURN count(*) AS patched
