/**
 * GET /v1/analyses/{analysisId}/ambassadors?budget=K[&niche=|&community=]: whom to equip.
 * The first K of the greedy order of src/analysis/ambassadors.ts (prefix-consistent, so one
 * order computed per analysis serves every budget), each with what it adds and why.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { trustWeight, type AmbassadorOrder } from '../../../analysis/ambassadors.js';
import { Errors, ValidationFailure } from '../../../errors.js';
import { TiesUnavailableError, type AmbassadorCache, type StoredAmbassadors } from '../../../reads/ambassador-orders.js';
import type { GraphStore } from '../../../store/port.js';
import { readingStored, succeededAnalysis } from '../../finished-analysis.js';
import { ID_PATTERN, problems } from '../../schemas.js';
import { AmbassadorList, AmbassadorQuery } from './schemas.js';

export const AMBASSADOR_METHOD =
  'greedy coverage of reciprocal circles, weighted by trust (score / (1 + score)), with a square-root reward per niche ' +
  '(Lin & Bilmes 2011) so that picks spread over niches; lazy greedy (Leskovec et al. 2007), within 1 - 1/e of the best set ' +
  'for every budget (Nemhauser et al. 1978); broadcasters never chosen';

/** `picks`: earlier picks of this answer; order entry `p`. */
function explain(stored: StoredAmbassadors, order: AmbassadorOrder, p: number, picks: number, reachedBefore: number, nichesBefore: number): string {
  const u = order.account[p] as number;
  const group = stored.niches[stored.picks.niche[u] as number]!;
  const score = stored.picks.score[u] as number;
  const role = stored.picks.role[u] as string;
  const added = order.newlyReached[p] as number;
  const niches = order.newNiches[p] as number;
  const circle = order.circle[p] as number;
  const rank = stored.picks.rank[u] as number;
  const lead = `#${rank + 1} by trust in ${group.id} (score ${score.toFixed(2)}, ${role})`;
  const reach = `${circle} reciprocal contact${circle === 1 ? '' : 's'} in niches`;
  if (picks === 0) return `${lead}, ${reach}: reaches ${added} account${added === 1 ? '' : 's'} in ${niches} niche${niches === 1 ? '' : 's'}, more than any other single account.`;
  const adds =
    added === 0
      ? 'reaches nobody new, but raises how strongly already reached contacts are reached'
      : `adds ${added} account${added === 1 ? '' : 's'} the ${picks} earlier pick${picks === 1 ? '' : 's'} did not reach (${reachedBefore} so far)` +
        (niches > 0 ? ` and opens ${niches} new niche${niches === 1 ? '' : 's'} (${nichesBefore} so far)` : ', in niches already reached');
  return `${lead}, ${reach}: ${adds}.`;
}

const ambassadorRoutes: FastifyPluginAsync<{ store: GraphStore; ambassadors: AmbassadorCache }> = async (app, deps) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/v1/analyses/:analysisId/ambassadors',
    {
      schema: {
        operationId: 'listAmbassadors',
        tags: ['results'],
        summary: 'Whom to equip: K accounts that together reach the most niches through trusted, reciprocal ties',
        description:
          `Method: ${AMBASSADOR_METHOD}. The order is computed once per analysis and served for every budget (the answer for ` +
          'budget K is the first K of any longer one). With `niche` or `community`, only that group\'s members are chosen ' +
          '(same objective). Each item says what it adds: accounts and niches no earlier pick reached.',
        params: Type.Object({ analysisId: Type.String({ pattern: ID_PATTERN }) }),
        querystring: AmbassadorQuery,
        response: { 200: AmbassadorList, ...problems(400, 404, 409) },
      },
    },
    async (req) => {
      const { budget, niche, community } = req.query;
      if (niche !== undefined && community !== undefined) {
        throw new ValidationFailure([{ in: 'querystring', pointer: '/community', field: 'community', message: 'cannot be given together with niche' }]);
      }
      const analysis = await succeededAnalysis(deps.store, req.params.analysisId);
      const stored = await readingStored(async () => {
        try {
          return await deps.ambassadors.get(analysis.id, analysis.summary?.accounts ?? 0);
        } catch (err) {
          if (err instanceof TiesUnavailableError) throw new Errors.TIES_UNAVAILABLE(analysis.id);
          throw err;
        }
      });
      if (!stored) throw new Errors.ANALYSIS_NOT_FOUND(analysis.id);
      const orders = stored.orders;
      let order: AmbassadorOrder = orders.all;
      let from = 0;
      let to = order.account.length;
      let niches = stored.niches.filter((n) => !n.unassigned).length;
      if (niche !== undefined) {
        const k = stored.niches.findIndex((n) => n.id === niche && !n.unassigned);
        if (k < 0) throw new Errors.NICHE_NOT_FOUND(niche, analysis.id);
        order = orders.byNiche.order;
        from = orders.byNiche.offsets[k] as number;
        to = orders.byNiche.offsets[k + 1] as number;
        niches = 1;
      } else if (community !== undefined) {
        const c = stored.communities.indexOf(community);
        if (c < 0) throw new Errors.BAD_REQUEST(`community '${community}' is not a community of analysis '${analysis.id}'`);
        order = orders.byCommunity.order;
        from = orders.byCommunity.offsets[c] as number;
        to = orders.byCommunity.offsets[c + 1] as number;
        niches = stored.communityNiches[c] as number;
      }
      const items = [];
      let reached = 0;
      let nichesReached = 0;
      for (let p = from; p < Math.min(to, from + budget); p++) {
        const u = order.account[p] as number;
        const g = stored.niches[stored.picks.niche[u] as number]!;
        const why = explain(stored, order, p, p - from, reached, nichesReached);
        reached += order.newlyReached[p] as number;
        nichesReached += order.newNiches[p] as number;
        const score = stored.picks.score[u] as number;
        items.push({
          position: p - from + 1,
          accountId: stored.picks.id[u] as string,
          nicheId: g.id,
          communityId: g.communityId ?? '',
          score,
          trust: trustWeight(score),
          role: stored.picks.role[u] as string,
          circle: order.circle[p] as number,
          newlyReached: order.newlyReached[p] as number,
          newNiches: order.newNiches[p] as number,
          gain: order.gain[p] as number,
          reached,
          nichesReached,
          why,
        });
      }
      return {
        analysisId: analysis.id,
        scope: { kind: niche !== undefined ? ('niche' as const) : community !== undefined ? ('community' as const) : ('all' as const), id: niche ?? community ?? null },
        budget,
        method: AMBASSADOR_METHOD,
        candidates: orders.candidates,
        reached,
        nichesReached,
        niches,
        items,
      };
    },
  );
};

export default routePlugin('ambassadors-routes', ambassadorRoutes);
