// Which of these ledger hashes are recorded (erased accounts). Params: $hashes.
MATCH (e:Erasure)
WHERE e.hash IN $hashes
RETURN e.hash AS hash
