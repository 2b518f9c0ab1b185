/**
 * The catalogue block (pure, no database): the niche and community rows of a computed result
 * (email-eu-core) round-trip through its bytes, non-finite figures included, and an id that
 * reads "NaN" stays a string.
 */
import t from 'tap';
import { analyseProjection } from '../../src/analysis/analyse.js';
import { catalogueRows, decodeCatalogue, encodeCatalogue, type CatalogueRows } from '../../src/store/result-catalogue.js';
import { loadEmailEuCore, toProjection } from '../helpers/datasets.js';

const email = loadEmailEuCore();
const projection = toProjection(email.edges.filter((e) => e.source !== e.target), { accounts: email.departments.keys() });
const result = analyseProjection(projection, { seed: 1, topK: 5, runs: 1 });

t.test('the rows of a result: one per niche row in rank order, one per community holding a niche', async (t) => {
  const rows = catalogueRows(result);
  t.equal(rows.niches.length, result.niches.count);
  t.same(
    rows.niches.map((n) => n.rank),
    Array.from({ length: result.niches.count }, (_, r) => r),
  );
  t.same(rows.niches.map((n) => n.id), result.niches.ids);
  let holding = 0;
  for (let k = 0; k < result.communities.count; k++) if ((result.communities.nicheStarts[k + 1] as number) > (result.communities.nicheStarts[k] as number)) holding++;
  t.equal(rows.communities.length, holding);
  t.equal(rows.niches.filter((n) => n.unassigned).length, result.niches.unassignedRow < 0 ? 0 : 1);
  t.same(decodeCatalogue(encodeCatalogue(rows)), rows, 'round-trips');
});

t.test('non-finite figures come back as numbers; ids that read like them stay strings', async (t) => {
  const rows = catalogueRows(result);
  const first = rows.niches[0]!;
  const edited: CatalogueRows = {
    niches: [{ ...first, density: Number.NaN, conductance: Number.POSITIVE_INFINITY, eventsPerDay: Number.NEGATIVE_INFINITY, trustedIds: ['NaN', 'Infinity'], trustedScores: [Number.NaN, 1] }],
    communities: [],
  };
  const back = decodeCatalogue(encodeCatalogue(edited)).niches[0]!;
  t.ok(Number.isNaN(back.density));
  t.equal(back.conductance, Number.POSITIVE_INFINITY);
  t.equal(back.eventsPerDay, Number.NEGATIVE_INFINITY);
  t.same(back.trustedIds, ['NaN', 'Infinity']);
  t.ok(Number.isNaN(back.trustedScores[0]!));
  t.equal(back.trustedScores[1], 1);
});
