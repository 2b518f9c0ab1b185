/**
 * A tiny GML reader (Graph Modelling Language, M. Himsolt, "GML: A portable Graph File
 * Format", Universität Passau, 1997), enough for the NetworkX/Newman exports in
 * ../shared/datasets/classic: `key value` pairs where a value is an integer, a real, a
 * "quoted string" or a [ nested list ]. Repeated keys (node, edge) are kept in order.
 */
export type GmlValue = number | string | GmlList;
export interface GmlList {
  entries: Array<[string, GmlValue]>;
}

export interface GmlGraph {
  directed: boolean;
  /** Every `node [...]` block as a flat record of its scalar attributes. */
  nodes: Array<Record<string, number | string>>;
  /** Every `edge [...]` block as a flat record of its scalar attributes. */
  edges: Array<Record<string, number | string>>;
}

type Token = { kind: 'open' | 'close' } | { kind: 'key'; value: string } | { kind: 'scalar'; value: number | string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '[') {
      tokens.push({ kind: 'open' });
      i++;
    } else if (ch === ']') {
      tokens.push({ kind: 'close' });
      i++;
    } else if (ch === '"') {
      const end = text.indexOf('"', i + 1);
      if (end < 0) throw new Error(`gml: unterminated string at offset ${i}`);
      tokens.push({ kind: 'scalar', value: text.slice(i + 1, end) });
      i = end + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s[\]"]/.test(text[j] as string)) j++;
      const word = text.slice(i, j);
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(word)) tokens.push({ kind: 'scalar', value: Number(word) });
      else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(word)) tokens.push({ kind: 'key', value: word });
      else throw new Error(`gml: unexpected token '${word}' at offset ${i}`);
      i = j;
    }
  }
  return tokens;
}

export function parseGml(text: string): GmlList {
  const tokens = tokenize(text);
  let p = 0;
  function list(nested: boolean): GmlList {
    const entries: Array<[string, GmlValue]> = [];
    while (p < tokens.length) {
      const token = tokens[p++] as Token;
      if (token.kind === 'close') {
        if (!nested) throw new Error('gml: unbalanced ]');
        return { entries };
      }
      if (token.kind !== 'key') throw new Error(`gml: expected a key, got ${token.kind}`);
      const value = tokens[p++];
      if (value === undefined) throw new Error(`gml: key '${token.value}' has no value`);
      if (value.kind === 'open') entries.push([token.value, list(true)]);
      else if (value.kind === 'scalar') entries.push([token.value, value.value]);
      else throw new Error(`gml: key '${token.value}' is followed by ${value.kind}`);
    }
    if (nested) throw new Error('gml: missing ]');
    return { entries };
  }
  return list(false);
}

function flat(block: GmlList): Record<string, number | string> {
  const record: Record<string, number | string> = {};
  for (const [key, value] of block.entries) if (typeof value !== 'object') record[key] = value;
  return record;
}

/** Reads the single `graph [...]` of a GML document. */
export function readGmlGraph(text: string): GmlGraph {
  const root = parseGml(text);
  const graphs = root.entries.filter(([key]) => key === 'graph');
  const graph = graphs[0]?.[1];
  if (graphs.length !== 1 || graph === undefined || typeof graph !== 'object') throw new Error('gml: expected exactly one graph [...] block');
  const nodes: GmlGraph['nodes'] = [];
  const edges: GmlGraph['edges'] = [];
  let directed = false;
  for (const [key, value] of graph.entries) {
    if (key === 'directed') directed = value === 1;
    else if (key === 'node' && typeof value === 'object') nodes.push(flat(value));
    else if (key === 'edge' && typeof value === 'object') edges.push(flat(value));
  }
  return { directed, nodes, edges };
}
