// The niche an activity read buckets (src/store/niche-activity.ts): its graph, member ids
// (erased accounts already removed by the redaction) and the span of internal activity the
// analysis recorded for it. No row when the analysis has no such niche.
// Params: $analysisId, $nicheId.
MATCH (n:Niche {analysisId: $analysisId, id: $nicheId})
RETURN n.graphId AS graphId, n.unassigned AS unassigned, n.memberIds AS memberIds,
       n.firstActivity AS firstActivity, n.lastActivity AS lastActivity
