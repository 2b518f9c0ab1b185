// Deletes up to $limit expired idempotency records. Params: $now (epoch ms), $limit.
MATCH (k:IdempotencyKey)
WHERE k.expiresAt <= $now
WITH k LIMIT $limit
DELETE k
RETURN count(*) AS purged
