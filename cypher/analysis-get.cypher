// One analysis. Summary fields are null until writeResult. browserView: that of a succeeded
// analysis (one stored before the flag existed wrote its view before it succeeded), else null. Params: $analysisId.
MATCH (a:Analysis {id: $analysisId})
RETURN a.id AS id, a.graphId AS graphId, a.status AS status, a.params AS params,
       a.createdAt AS createdAt, a.startedAt AS startedAt, a.finishedAt AS finishedAt,
       a.error AS error, a.accounts AS accounts, a.edges AS edges, a.niches AS niches,
       a.communities AS communities, a.nicheModularity AS nicheModularity,
       a.modularity AS modularity, a.resolutionUsed AS resolutionUsed, a.runs AS runs,
       a.consensusRounds AS consensusRounds, a.louvainDisconnected AS louvainDisconnected,
       a.unassigned AS unassigned, a.meanConfidence AS meanConfidence, a.timings AS timings,
       a.graphVersion AS graphVersion, a.projectionCached AS projectionCached, a.erasures AS erasures,
       a.baselineAnalysisId AS baselineAnalysisId, a.lineage AS lineage,
       CASE WHEN a.status = 'succeeded' THEN coalesce(a.browserView, 'written') END AS browserView
