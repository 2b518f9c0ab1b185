/**
 * How to look at a finished analysis in Neo4j Browser: the address, how to connect, the
 * parameter to set and the first query of cypher/explore.cypher.
 */
import fs from 'node:fs';

/**
 * The first statement of a Cypher file: `//` comment lines dropped, statements separated
 * by a semicolon at the end of a line (the convention of the files in cypher/).
 */
export function firstCypherStatement(text: string): string | null {
  const lines: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trimStart().startsWith('//')) continue;
    if (line.trim() === '' && lines.length === 0) continue;
    lines.push(line);
    if (line.endsWith(';')) break;
  }
  const statement = lines.join('\n').trim();
  return statement === '' ? null : statement;
}

export interface BrowserHintOptions {
  browserUrl: string;
  boltUri: string;
  /** True when the demo started the local Neo4j (no authentication). */
  local: boolean;
  analysisId: string;
  /** Path of cypher/explore.cypher. */
  exploreFile: string;
}

export function browserHint(o: BrowserHintOptions): string[] {
  let query: string | null = null;
  try {
    query = firstCypherStatement(fs.readFileSync(o.exploreFile, 'utf8'));
  } catch {
    query = null;
  }
  const lines = [
    `Open ${o.browserUrl} and connect to ${o.boltUri}${o.local ? ' (no authentication: leave user and password empty)' : ''}.`,
    'In the editor, set the analysis id:',
    `  :param analysisId => '${o.analysisId}'`,
  ];
  if (query) {
    lines.push('then run the first query of cypher/explore.cypher (niches with their trusted members):');
    lines.push(...query.split('\n').map((l) => `  ${l}`));
    lines.push('More queries in cypher/explore.cypher.');
  } else {
    lines.push('then run the queries of cypher/explore.cypher.');
  }
  return lines;
}
