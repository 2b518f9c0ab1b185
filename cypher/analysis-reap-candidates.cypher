// Unfinished analyses that may have been lost (see FleetWorker's reaper): waiting for the shared
// queue $queueOwner since before $before (ISO 8601), or held under a lease that expired before
// $now (epoch ms). The reaper checks each against the queue before failing it.
// Params: $queueOwner, $before, $now, $limit.
MATCH (a:Analysis)
WHERE a.status IN ['queued', 'running']
  AND ((a.owner = $queueOwner AND a.createdAt < $before) OR a.leaseUntil < $now)
RETURN a.id AS id
LIMIT $limit
