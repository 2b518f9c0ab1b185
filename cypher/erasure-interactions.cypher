// Deletes every interaction an account sent or received, in inner transactions of
// $batchSize relationships (a hub's 100k interactions never sit in one transaction). An
// auto-commit statement (session.run): CALL ... IN TRANSACTIONS is refused inside an explicit
// transaction. Params: $graphId, $accountId, $batchSize (integer).
MATCH (:Account {graphId: $graphId, id: $accountId})-[r:INTERACTED]-()
CALL (r) { DELETE r } IN TRANSACTIONS OF $batchSize ROWS
