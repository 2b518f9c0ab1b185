// Idempotency-Key records whose stored answer names an erased account (as a JSON string)
// keep their answer with the id replaced, so a retry still replays instead of re-applying.
// Params: $token (the id as a JSON string), $replacement.
MATCH (k:IdempotencyKey)
WHERE k.body CONTAINS $token
SET k.body = replace(k.body, $token, $replacement)
RETURN count(k) AS redacted
