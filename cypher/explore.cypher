// Queries to explore nichegraph results in Neo4j Browser (not run by the service).
//
// Each query uses ONE parameter. Set it first in the Browser editor, then paste the query:
//   :param analysisId => 'the-analysis-id'
//   :param account => {graphId: 'the-graph-id', id: 'the-account-id'}
// (`:params` shows the current ones.) Only succeeded analyses whose Browser view is written
// are shown: an analysis that failed, was cancelled or is still being written has no rows
// here, nor one that succeeded while its view is still being materialized (GET
// /v1/analyses/{id} says `browserView: pending`; an analysis stored before that flag existed
// has none and is shown). The queries are separated by a semicolon at the end
// of a line, as every file in this folder (src/store/cypher-files.ts); test/store/
// explore-cypher.test.ts runs each of them against a real server.

// Where the rows come from (src/store/browser-view.ts, derived from the stored result after the
// analysis succeeded): every niche is a (:Niche) node
// with its figures and `memberIds` (every member, most trusted first; none on the unassigned
// group's node: its accounts are in no niche), linked to its
// (:Community) by IN_COMMUNITY; IN_NICHE
// relationships carry the scores of the members Browser users look at: with the default
// writeBack 'compact', the first three trusted members (most trusted first) and the bridges
// of each niche (every trusted member is in the niche's trustedIds, every member in its
// memberIds); with writeBack 'full', every member. Queries 2, 4 and 5 read the same in both
// modes; query 1 draws three trusted members per niche in 'compact' (every one in 'full');
// query 3 sees interactions between members that have an IN_NICHE relationship.

// 1. Top niches of an analysis with their trusted members (param: analysisId).
//    Returns nodes and relationships, so the Browser draws niches with their trusted
//    members around them (the three most trusted with writeBack 'compact'; n.trustedIds
//    lists them all); switch to the table view for the scores (m.score and its
//    components m.centrality, m.ties, m.positiveShare; m.role). The unassigned group
//    (accounts in no niche) is left out.
MATCH (an:Analysis {id: $analysisId, status: 'succeeded'})<-[:OF_ANALYSIS]-(n:Niche)
WHERE coalesce(an.browserView, 'written') = 'written' AND n.rank < 10 AND NOT coalesce(n.unassigned, false)
MATCH (a:Account)-[m:IN_NICHE]->(n)
WHERE a.id IN n.trustedIds
RETURN an, n, m, a
ORDER BY n.rank, m.rank;

// 2. An account's circle (param: account = {graphId, id}): the accounts it interacted with
//    in either direction, most events first, whether the tie is reciprocal, and whether
//    the contact shares the account's niche in the latest succeeded analysis of its graph
//    (found in the niches' member lists: an account of the unassigned group, in no niche,
//    has niche null and no contact shares it).
MATCH (a:Account {graphId: $account.graphId, id: $account.id})
CALL (a) {
  OPTIONAL MATCH (an:Analysis {graphId: a.graphId, status: 'succeeded'})
  WHERE coalesce(an.browserView, 'written') = 'written'
  WITH an ORDER BY an.finishedAt DESC LIMIT 1
  // home.id IS NOT NULL (every niche has one): the seek of the (analysisId, id) index, not a label scan.
  OPTIONAL MATCH (home:Niche {analysisId: an.id})
  WHERE home.id IS NOT NULL AND a.id IN home.memberIds
  RETURN home
}
MATCH (a)-[r:INTERACTED]-(b:Account)
WITH a, home, b, count(r) AS events,
     sum(CASE WHEN startNode(r) = a THEN r.weight ELSE 0 END) AS outWeight,
     sum(CASE WHEN endNode(r) = a THEN r.weight ELSE 0 END) AS inWeight
RETURN a.id AS account, home.id AS niche, b.id AS contact, events, outWeight, inWeight,
       outWeight <> 0 AND inWeight <> 0 AS reciprocal,
       home IS NOT NULL AND b.id IN home.memberIds AS sameNiche
ORDER BY events DESC, contact
LIMIT 50;

// 3. Bridges between niches (param: analysisId): members of niche A who interacted with
//    members of another niche B of the same analysis, most events first (members with an
//    IN_NICHE relationship: the first three trusted members and the bridges with writeBack
//    'compact').
MATCH (an:Analysis {id: $analysisId, status: 'succeeded'})<-[:OF_ANALYSIS]-(na:Niche)
WHERE coalesce(an.browserView, 'written') = 'written'
MATCH (na)<-[:IN_NICHE]-(a:Account)-[r:INTERACTED]->(b:Account)-[:IN_NICHE]->(nb:Niche {analysisId: na.analysisId})
WHERE na <> nb
WITH a, na, nb, count(r) AS events, count(DISTINCT b) AS contacts, sum(r.weight) AS weight
RETURN a.id AS bridge, na.id AS fromNiche, nb.id AS toNiche, events, contacts, weight
ORDER BY events DESC, bridge, toNiche
LIMIT 50;

// 4. Niche profiles (param: analysisId): size, density, conductance, stability across
//    runs, reciprocity, activity, dominant interaction types, trusted members and
//    bridges (connector hubs) with the niches they lead to; largest first.
MATCH (an:Analysis {id: $analysisId, status: 'succeeded'})<-[:OF_ANALYSIS]-(n:Niche)
WHERE coalesce(an.browserView, 'written') = 'written'
RETURN n.id AS niche, n.size AS size, n.unassigned AS unassigned,
       round(n.density, 3) AS density, round(n.conductance, 3) AS conductance,
       round(n.stability, 3) AS stability, round(n.reciprocity, 3) AS reciprocity,
       n.events AS events, n.firstActivity AS firstActivity, n.lastActivity AS lastActivity,
       round(n.eventsPerDay, 2) AS eventsPerDay,
       [i IN range(0, size(n.typeNames) - 1) | n.typeNames[i] + ' ' + toString(round(100 * n.typeShares[i])) + '%'] AS dominantTypes,
       n.trustedIds AS trusted,
       [i IN range(0, size(n.bridgeIds) - 1) | n.bridgeIds[i] + ' -> ' + n.bridgeTo[i]] AS bridges
ORDER BY n.rank
LIMIT 50;

// 5. Communities (param: analysisId): the coarse level (modularity at resolution 1, what
//    igraph and NetworKit report), largest first, with the figures of each and its niches
//    (largest first, each with its size and trusted members). Every niche lies in one
//    community: (:Niche)-[:IN_COMMUNITY]->(:Community). Only the communities that hold a
//    niche are nodes (those made only of unassigned accounts are listed by the API's
//    GET /v1/analyses/{id}/communities). Switch to the graph view and
//    return c, n instead to see the niches around their communities.
MATCH (an:Analysis {id: $analysisId, status: 'succeeded'})<-[:OF_ANALYSIS]-(c:Community)
WHERE coalesce(an.browserView, 'written') = 'written'
OPTIONAL MATCH (n:Niche)-[:IN_COMMUNITY]->(c)
WITH c, n ORDER BY n.rank
WITH c, [x IN collect(n) | x.id + ' (' + toString(x.size) + ': ' + reduce(s = '', t IN x.trustedIds[..3] | s + CASE s WHEN '' THEN '' ELSE ', ' END + t) + ')'] AS niches
RETURN c.id AS community, c.size AS size, round(c.density, 4) AS density,
       round(c.conductance, 3) AS conductance, c.niches AS nicheCount, c.unassigned AS unassigned,
       niches[..20] AS largestNiches
ORDER BY c.rank
LIMIT 50;

// 6. A niche's history (param: niche = {analysisId, id}, e.g. {analysisId: 'the-analysis-id', id: 'n3'}):
//    the niches it continues back through the baseline analyses, and the niches of later
//    analyses that continue it, oldest analysis first; each row is a niche with the niche
//    of the earlier analysis it relates to (Jaccard >= 0.3), the event and whether it kept
//    that niche's id (CONTINUES relationships, written with an analysis' lineage; a niche of
//    an analysis without a baseline has one row with no `from`).
MATCH (n:Niche {analysisId: $niche.analysisId, id: $niche.id})
CALL (n) {
  MATCH (n)-[:CONTINUES*0..20]->(h:Niche)
  RETURN h
  UNION
  MATCH (n)<-[:CONTINUES*1..20]-(h:Niche)
  RETURN h
}
MATCH (h)-[:OF_ANALYSIS]->(an:Analysis {status: 'succeeded'})
WHERE coalesce(an.browserView, 'written') = 'written'
OPTIONAL MATCH (h)-[c:CONTINUES]->(earlier:Niche)
RETURN an.createdAt AS analysedAt, an.id AS analysis, h.id AS niche, h.size AS size,
       c.event AS event, earlier.id AS from, round(c.jaccard, 3) AS jaccard, c.keepsId AS keptId
ORDER BY analysedAt, analysis, size DESC, niche, jaccard DESC
LIMIT 200
