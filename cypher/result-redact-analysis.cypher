// Last statement of a redaction: the analysis' counts that the stored data determines, the
// number of accounts erased from its result, and a new resultRevision (ETags and the
// readers' caches change with it). Params: $analysisId, $accounts, $edges, $unassigned
// (null when the result has no unassigned group), $erased (integers).
MATCH (a:Analysis {id: $analysisId})
SET a.accounts = $accounts, a.edges = $edges, a.unassigned = coalesce($unassigned, a.unassigned),
    a.erasures = coalesce(a.erasures, 0) + $erased,
    a.resultRevision = coalesce(a.resultRevision, 0) + 1
REMOVE a.redacting
RETURN a.resultRevision AS revision
