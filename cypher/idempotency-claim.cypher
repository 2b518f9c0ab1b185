// Claims an idempotency key for one request, or reports who holds it. MERGE on the unique
// id serialises concurrent claims: exactly one gets `mine`. An expired record, or a pending
// one whose holder ran past lockedUntil (crashed), is taken over by the caller.
// Params: $id, $token, $fingerprint, $now, $lockedUntil, $expiresAt (epoch ms integers).
MERGE (k:IdempotencyKey {id: $id})
ON CREATE SET k.token = $token, k.fingerprint = $fingerprint, k.state = 'pending',
              k.lockedUntil = $lockedUntil, k.expiresAt = $expiresAt
WITH k, (k.token <> $token AND (k.expiresAt <= $now OR (k.state = 'pending' AND k.lockedUntil <= $now))) AS stale
FOREACH (_ IN CASE WHEN stale THEN [1] ELSE [] END |
  SET k.token = $token, k.fingerprint = $fingerprint, k.state = 'pending', k.lockedUntil = $lockedUntil,
      k.expiresAt = $expiresAt, k.status = null, k.body = null, k.headers = null)
RETURN k.token = $token AS mine, k.fingerprint AS fingerprint, k.state AS state,
       k.status AS status, k.body AS body, k.headers AS headers
