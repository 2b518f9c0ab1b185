// Succeeded analyses whose Browser view is not written and that no materialization holds at
// $now (epoch ms: none, or its lease expired): what a runner that died, or a write that
// failed, left for re-materialization (src/store/browser-view.ts). Params: $now, $states
// (['pending', 'failed'], or ['pending']: only those whose writer died).
MATCH (a:Analysis {status: 'succeeded'})
WHERE a.browserView IN $states AND (a.browserOwner IS NULL OR coalesce(a.browserLeaseUntil < $now, true))
RETURN a.id AS id
ORDER BY a.finishedAt
