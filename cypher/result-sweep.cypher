// At start-up, after reclaimExpired: removes the result rows (blocks, niches with their
// IN_NICHE memberships, communities) of every analysis that is neither succeeded nor held by a live
// runner, or no longer exists: what a process killed while writing a result left behind.
// An analysis still queued/running under a lease that has not expired by $now (epoch ms),
// or held by a shared queue (no expiry), keeps its rows: another live process may be
// writing them. Params: $now.
CALL () {
  MATCH (b:ResultBlock)
  WHERE NOT EXISTS {
    MATCH (a:Analysis {id: b.analysisId})
    WHERE a.status = 'succeeded'
       OR (a.status IN ['queued', 'running'] AND a.owner IS NOT NULL AND coalesce(a.leaseUntil >= $now, true))
  }
  DELETE b
  RETURN count(b) AS blocks
}
CALL () {
  MATCH (n:Niche)
  WHERE NOT EXISTS {
    MATCH (a:Analysis {id: n.analysisId})
    WHERE a.status = 'succeeded'
       OR (a.status IN ['queued', 'running'] AND a.owner IS NOT NULL AND coalesce(a.leaseUntil >= $now, true))
  }
  DETACH DELETE n
  RETURN count(n) AS niches
}
CALL () {
  MATCH (c:Community)
  WHERE NOT EXISTS {
    MATCH (a:Analysis {id: c.analysisId})
    WHERE a.status = 'succeeded'
       OR (a.status IN ['queued', 'running'] AND a.owner IS NOT NULL AND coalesce(a.leaseUntil >= $now, true))
  }
  DETACH DELETE c
  RETURN count(c) AS communities
}
RETURN blocks + niches + communities AS removed
