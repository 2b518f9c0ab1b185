// Forgets a claim whose request failed (5xx): a retry runs the request again. Params: $id, $token.
MATCH (k:IdempotencyKey {id: $id})
WHERE k.token = $token
DELETE k
