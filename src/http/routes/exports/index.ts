/**
 * GET /v1/analyses/{analysisId}/export?format=ndjson|csv|gexf|graphml: the whole result of
 * a finished analysis in one response, streamed as it is read from the store (a page of
 * accounts at a time), so memory stays flat whatever the size and a slow client slows the
 * reading, not the heap (src/exports/formats.ts). It reads the result as it was stored
 * (src/reads/stored-analysis.ts), so it shows exactly what the analysis saw, whatever was
 * ingested since. Problems (unknown analysis, not finished) are answered before the first
 * byte; a failure after it cuts the response off without its final chunk, which HTTP
 * clients report as an incomplete transfer.
 */
import { Type } from 'typebox';
import type { FastifyPluginAsync } from 'fastify';
import { routePlugin } from '../../route-plugin.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { EXPORT_FORMATS, exportStream, type ExportFormat } from '../../../exports/formats.js';
import { ACCOUNT_FIELDS, type ExportSource } from '../../../exports/source.js';
import { accountRows, exportRow, nicheRows, storedTies } from '../../../reads/stored-analysis.js';
import type { AccountResultRow, GraphStore } from '../../../store/port.js';
import { readingStored, succeededAnalysis } from '../../finished-analysis.js';
import { AnalysisIdParams, problems } from '../../schemas.js';

const ExportQuery = Type.Object({
  format: Type.Union(
    [Type.Literal('ndjson'), Type.Literal('csv'), Type.Literal('gexf'), Type.Literal('graphml')],
    { description: 'ndjson | csv: one line per account. gexf | graphml: accounts as nodes, ties as weighted undirected edges.' },
  ),
});

const body = (description: string) => ({ description, schema: Type.String() });

const exportRoutes: FastifyPluginAsync<{ store: GraphStore }> = async (app, deps) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/v1/analyses/:analysisId/export',
    {
      schema: {
        operationId: 'exportAnalysis',
        tags: ['results'],
        summary: 'The whole result of an analysis as one streamed file (NDJSON, CSV, GEXF, GraphML)',
        description:
          `Every account with ${ACCOUNT_FIELDS.map((f) => f.name).join(', ')}, niche by niche (n0 first, the unassigned ` +
          'group last), rank order inside. GEXF (1.2, coloured by niche) and GraphML add the aggregated undirected ' +
          'positive ties as edges with their `weight`; both open in Gephi and NetworkX. Streamed in constant memory; ' +
          'the file name comes in Content-Disposition.',
        params: AnalysisIdParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The export, streamed (chunked).',
            content: {
              'application/x-ndjson': body('One JSON object per account.'),
              'text/csv': body('RFC 4180, a header row; text cells a spreadsheet would run as formulas start with an apostrophe.'),
              'application/gexf+xml': body('GEXF 1.2.'),
              'application/graphml+xml': body('GraphML.'),
            },
          },
          ...problems(400, 404, 409),
        },
      },
    },
    async (req, reply) => {
      const analysis = await succeededAnalysis(deps.store, req.params.analysisId);
      const format: ExportFormat = req.query.format;
      const spec = EXPORT_FORMATS[format];
      // The niche rows (for each account's community) and the start of the accounts stream
      // before the first byte: a result gone meanwhile is a 404, not a cut-off file.
      const niches = await readingStored(async () => new Map((await nicheRows(deps.store, analysis.id)).map((n) => [n.id, n])));
      let first: AsyncIterable<AccountResultRow> | null = await readingStored(() => accountRows(deps.store, analysis.id));
      const source: ExportSource = {
        analysisId: analysis.id,
        graphId: analysis.graphId,
        async *accounts() {
          const rows = first ?? (await accountRows(deps.store, analysis.id));
          first = null;
          for await (const row of rows) yield exportRow(row, niches);
        },
        ties: () => storedTies(deps.store, analysis.id),
      };
      const stream = exportStream(format, source);
      stream.once('error', (err) => req.log.warn({ err, format }, 'export cut off'));
      return reply
        .type(spec.mediaType)
        .header('content-disposition', `attachment; filename="nichegraph-${analysis.id}.${spec.extension}"`)
        // The schema says "a string" for the spec; the body is that string, streamed.
        .send(stream as unknown as string);
    },
  );
};

export default routePlugin('exports-routes', exportRoutes);
