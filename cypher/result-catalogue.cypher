// What a reader needs before reading blocks of a succeeded analysis (result-reading.ts):
// its niche rows (without their member lists, with their lineage from the baseline
// analysis, baselineAnalysisId, when it had one) and the community rows of those holding a
// niche: the catalogue block (kind 'catalogueBlock', src/store/result-catalogue.ts), or for
// a result stored before it existed the (:Niche) and (:Community) nodes; the communities
// blocks of the other communities (result-blocks.ts); the first
// account id of each index block, the numbers of accounts and ties, and what identifies
// this version of the result (finishedAt, and resultRevision: raised by whatever changes a
// stored result, 0 when never set).
// One record per row (kind 'header', 'niche', 'community', 'communityBlock'; seq: the
// niche's or community's rank, the block's seq), not one record of collected lists: a
// record larger than a Bolt chunk is decoded byte by byte by the JavaScript driver (one
// record of 9,947 niches cost 3.4 s of client CPU on higgs-retweet). The reader orders the
// rows by seq. No row -> no stored result (unknown, or not succeeded: a staged result is
// never read). Params: $analysisId.
// Index seeks: Neo4j 5 seeks a composite index only with a predicate on each of its
// properties, so the later keys get `IS NOT NULL` (without it, a scan of every node of the
// label). Always true: every (:ResultBlock) has kind and seq (written only by MERGE on (analysisId, kind, seq) in result-blocks, which refuses null keys); the catalogue block is always seq 0 (result-writing.ts, result-redaction.ts); every (:Niche) has an id (CREATE with row.id in result-niches, a niche id from niche-ids-allocate, never null); every (:Community) has an id (CREATE with row.id in result-communities, 'c' + rank, never null)
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
RETURN 'header' AS kind, 0 AS seq,
       {graphId: a.graphId, finishedAt: a.finishedAt, revision: coalesce(a.resultRevision, 0),
        accounts: a.accounts, ties: a.edges, baselineAnalysisId: a.baselineAnalysisId,
        indexFirstIds: COLLECT { MATCH (b:ResultBlock {analysisId: $analysisId, kind: 'index'}) WHERE b.seq IS NOT NULL WITH b ORDER BY b.seq RETURN b.firstId }} AS row
UNION ALL
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
  AND NOT EXISTS { MATCH (:ResultBlock {analysisId: $analysisId, kind: 'catalogue', seq: 0}) }
MATCH (n:Niche {analysisId: $analysisId})
WHERE n.id IS NOT NULL
RETURN 'niche' AS kind, n.rank AS seq,
       n {.id, .communityId, .size, .density, .conductance, .trustedIds, .trustedScores, .unassigned, .stability,
          .reciprocity, .events, .firstActivity, .lastActivity, .eventsPerDay, .typeNames,
          .typeShares, .bridgeIds, .bridgeParticipation, .bridgeTo, .memberStart, .tieStart,
          .tieCount, .redacted, .lineageEvent, .lineageFrom, .lineageJaccard} AS row
UNION ALL
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
  AND NOT EXISTS { MATCH (:ResultBlock {analysisId: $analysisId, kind: 'catalogue', seq: 0}) }
MATCH (c:Community {analysisId: $analysisId})
WHERE c.id IS NOT NULL
RETURN 'community' AS kind, c.rank AS seq,
       c {.id, .rank, .size, .density, .conductance, .nicheIds, .unassigned, .redacted} AS row
UNION ALL
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
MATCH (b:ResultBlock {analysisId: $analysisId, kind: 'communities'})
WHERE b.seq IS NOT NULL
RETURN 'communityBlock' AS kind, b.seq AS seq, b {.seq, .ids, .data} AS row
UNION ALL
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
MATCH (b:ResultBlock {analysisId: $analysisId, kind: 'catalogue', seq: 0})
RETURN 'catalogueBlock' AS kind, b.seq AS seq, b {.seq, .data} AS row
