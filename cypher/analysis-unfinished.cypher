// Which of the given analyses are still queued or running (the per-caller analysis quota,
// src/jobs/quota.ts: one lookup for all the analyses a caller holds). Unknown ids are
// finished for it (a deleted graph took them). Params: $ids (list of analysis ids).
MATCH (a:Analysis)
WHERE a.id IN $ids AND a.status IN ['queued', 'running']
RETURN a.id AS id
