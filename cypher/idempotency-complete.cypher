// Stores the answer of the request holding the key (only if it still holds it).
// Params: $id, $token, $status, $body, $headers (JSON string), $expiresAt (epoch ms).
MATCH (k:IdempotencyKey {id: $id})
WHERE k.token = $token
SET k.state = 'done', k.status = $status, k.body = $body, k.headers = $headers, k.expiresAt = $expiresAt
RETURN k.id AS id
