// Extends the leases $owner holds on unfinished analyses. The ids that come back are still
// held; one missing was finished, cancelled or taken over (its runner must stop).
// Params: $ids (list), $owner, $leaseUntil.
UNWIND $ids AS analysisId
MATCH (a:Analysis {id: analysisId})
WHERE a.owner = $owner AND a.status IN ['queued', 'running']
SET a.leaseUntil = $leaseUntil
RETURN a.id AS id
