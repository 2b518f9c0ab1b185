// The niche rows of a stored result as a redaction rewrites them, in rank order.
// Params: $analysisId.
// Index seeks: Neo4j 5 seeks a composite index only with a predicate on each of its
// properties, so the later keys get `IS NOT NULL` (without it, a scan of every node of the
// label). Always true: every (:Niche) has an id (CREATE with row.id in result-niches, a niche id from niche-ids-allocate, never null)
MATCH (n:Niche {analysisId: $analysisId})
WHERE n.id IS NOT NULL
RETURN n.id AS id, n.communityId AS communityId, coalesce(n.unassigned, false) AS unassigned, n.memberStart AS memberStart,
       n.tieStart AS tieStart, n.tieCount AS tieCount, n.bridgeIds AS bridgeIds,
       n.bridgeParticipation AS bridgeParticipation, n.bridgeTo AS bridgeTo
ORDER BY n.rank
