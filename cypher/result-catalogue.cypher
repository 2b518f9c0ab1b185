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
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
RETURN 'header' AS kind, 0 AS seq,
       {graphId: a.graphId, finishedAt: a.finishedAt, revision: coalesce(a.resultRevision, 0),
        accounts: a.accounts, ties: a.edges, baselineAnalysisId: a.baselineAnalysisId,
        indexFirstIds: COLLECT { MATCH (b:ResultBlock {analysisId: $analysisId, kind: 'index'}) WITH b ORDER BY b.seq RETURN b.firstId }} AS row
UNION ALL
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
  AND NOT EXISTS { MATCH (:ResultBlock {analysisId: $analysisId, kind: 'catalogue'}) }
MATCH (n:Niche {analysisId: $analysisId})
RETURN 'niche' AS kind, n.rank AS seq,
       n {.id, .communityId, .size, .density, .conductance, .trustedIds, .trustedScores, .unassigned, .stability,
          .reciprocity, .events, .firstActivity, .lastActivity, .eventsPerDay, .typeNames,
          .typeShares, .bridgeIds, .bridgeParticipation, .bridgeTo, .memberStart, .tieStart,
          .tieCount, .redacted, .lineageEvent, .lineageFrom, .lineageJaccard} AS row
UNION ALL
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
  AND NOT EXISTS { MATCH (:ResultBlock {analysisId: $analysisId, kind: 'catalogue'}) }
MATCH (c:Community {analysisId: $analysisId})
RETURN 'community' AS kind, c.rank AS seq,
       c {.id, .rank, .size, .density, .conductance, .nicheIds, .unassigned, .redacted} AS row
UNION ALL
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
MATCH (b:ResultBlock {analysisId: $analysisId, kind: 'communities'})
RETURN 'communityBlock' AS kind, b.seq AS seq, b {.seq, .ids, .data} AS row
UNION ALL
MATCH (a:Analysis {id: $analysisId})
WHERE a.status = 'succeeded'
MATCH (b:ResultBlock {analysisId: $analysisId, kind: 'catalogue'})
RETURN 'catalogueBlock' AS kind, b.seq AS seq, b {.seq, .data} AS row
