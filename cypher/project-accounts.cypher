// Every account id of a graph (isolated ones included). Unordered: the store sorts in JS.
// Params: $graphId.
MATCH (a:Account {graphId: $graphId})
RETURN a.id AS id
