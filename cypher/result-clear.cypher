// Removes the niches (and their memberships) of a previous writeResult of the same
// analysis, so writing twice never duplicates. Params: $analysisId.
MATCH (n:Niche {analysisId: $analysisId})
DETACH DELETE n
RETURN count(*) AS removed
