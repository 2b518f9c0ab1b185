// The keys the ledger's entries were written with, and how many are not complete (checked
// at boot). No params.
MATCH (e:Erasure)
RETURN e.keyId AS keyId, count(*) AS entries, count(CASE WHEN e.completedAt IS NULL THEN 1 END) AS pending
