/**
 * GEXF and GraphML exports: accounts as nodes carrying the fields of ACCOUNT_FIELDS, the
 * analysed ties as undirected edges weighted by their aggregated positive weight. Written
 * as they are read (nodes first, then edges), so memory stays flat whatever the size.
 *
 * - GEXF 1.2 (gexf.net/1.2draft, the version Gephi writes and NetworkX reads): typed node
 *   attributes, and a viz:color per node by niche (Paul Tol's muted scheme, the explorer's),
 *   so that Gephi opens it already coloured by niche.
 * - GraphML (graphml.graphdrawing.org, U. Brandes et al.): <key> declarations with
 *   attr.name/attr.type, read by Gephi, NetworkX, igraph, yEd, Cytoscape.
 *
 * XML 1.0 cannot carry some characters at all (most C0 controls, lone surrogates, U+FFFE,
 * U+FFFF), not even as references: they are written as U+FFFD. Account ids are otherwise
 * exact.
 */
import { groupColour, nicheRank, rgb } from '../explorer/palette.js';
import { ACCOUNT_FIELDS, type ExportSource, type FieldType } from './source.js';

// Characters XML 1.0 allows: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/** Text safe inside a double-quoted XML attribute or an element. */
export function xmlText(value: unknown): string {
  const s = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : 'NaN') : String(value ?? '');
  return s.replace(NOT_XML, '\uFFFD').replace(/[&<>"'\t\n\r]/g, (c) => ESCAPES[c] as string);
}

const NODE_FIELDS = ACCOUNT_FIELDS.filter((f) => f.name !== 'accountId');

const GEXF_TYPES: Record<FieldType, string> = { string: 'string', double: 'double', integer: 'integer', boolean: 'boolean' };
const GRAPHML_TYPES: Record<FieldType, string> = { string: 'string', double: 'double', integer: 'int', boolean: 'boolean' };

export async function* gexfExport(source: ExportSource): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">\n' +
    `  <meta><creator>nichegraph</creator><description>${xmlText(`analysis ${source.analysisId} of graph ${source.graphId}: accounts with their niche and trust score, aggregated positive ties`)}</description></meta>\n` +
    '  <graph mode="static" defaultedgetype="undirected">\n' +
    '    <attributes class="node">\n' +
    NODE_FIELDS.map((f, i) => `      <attribute id="${i}" title="${f.name}" type="${GEXF_TYPES[f.type]}"/>\n`).join('') +
    '    </attributes>\n' +
    '    <nodes>\n';
  for await (const a of source.accounts()) {
    const [r, g, b] = rgb(groupColour(nicheRank(a.nicheId)));
    // A missing value (community of an unassigned account) is left out, not written empty.
    const values = NODE_FIELDS.map((f, i) => (a[f.name] === null ? '' : `<attvalue for="${i}" value="${xmlText(a[f.name])}"/>`)).join('');
    const id = xmlText(a.accountId);
    yield `      <node id="${id}" label="${id}"><attvalues>${values}</attvalues><viz:color r="${r}" g="${g}" b="${b}"/></node>\n`;
  }
  yield '    </nodes>\n    <edges>\n';
  let e = 0;
  for await (const tie of source.ties()) {
    yield `      <edge id="${e++}" source="${xmlText(tie.source)}" target="${xmlText(tie.target)}" weight="${xmlText(tie.weight)}"/>\n`;
  }
  yield '    </edges>\n  </graph>\n</gexf>\n';
}

export async function* graphmlExport(source: ExportSource): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ' +
    'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n' +
    NODE_FIELDS.map((f, i) => `  <key id="d${i}" for="node" attr.name="${f.name}" attr.type="${GRAPHML_TYPES[f.type]}"/>\n`).join('') +
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>\n' +
    `  <graph id="${xmlText(source.analysisId)}" edgedefault="undirected">\n`;
  for await (const a of source.accounts()) {
    const values = NODE_FIELDS.map((f, i) => (a[f.name] === null ? '' : `<data key="d${i}">${xmlText(a[f.name])}</data>`)).join('');
    yield `    <node id="${xmlText(a.accountId)}">${values}</node>\n`;
  }
  for await (const tie of source.ties()) {
    yield `    <edge source="${xmlText(tie.source)}" target="${xmlText(tie.target)}"><data key="weight">${xmlText(tie.weight)}</data></edge>\n`;
  }
  yield '  </graph>\n</graphml>\n';
}
