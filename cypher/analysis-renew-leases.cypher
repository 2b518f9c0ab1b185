// Extends the leases $owner holds on unfinished analyses. The ids that come back are still
// held (or were just succeeded by $owner: its result committed, nothing to renew); one missing
// was cancelled, reclaimed or taken over: its runner must stop and write nothing.
// Params: $ids (list), $owner, $leaseUntil.
UNWIND $ids AS analysisId
MATCH (a:Analysis {id: analysisId})
WHERE a.owner = $owner AND a.status IN ['queued', 'running', 'succeeded']
FOREACH (_ IN CASE WHEN a.status IN ['queued', 'running'] THEN [1] ELSE [] END | SET a.leaseUntil = $leaseUntil)
RETURN a.id AS id
