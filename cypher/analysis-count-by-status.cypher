// Number of analyses per status (for /metrics). No params.
MATCH (a:Analysis)
RETURN a.status AS status, count(a) AS count
